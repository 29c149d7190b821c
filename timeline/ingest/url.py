"""http(s) URLs: fetch with a timeout and a size cap, then read as HTML, a feed or text.

Only ``http`` and ``https`` are fetched. Every failure (DNS, refused connection, timeout,
HTTP error status, a page larger than the cap) is one TimelineError line naming the URL.
"""

from __future__ import annotations

from dataclasses import dataclass

from timeline.errors import TimelineError

TIMEOUT_SECONDS = 20.0  # a news page answers in seconds; a stalled server must not hang us
MAX_BYTES = 10 * 1024 * 1024  # article pages and feeds are far smaller
USER_AGENT = "timeline/0.1 (+news briefing tool)"


@dataclass(frozen=True)
class Fetched:
    url: str
    data: bytes
    content_type: str


def is_url(value: str) -> bool:
    low = value[:8].lower()
    return low.startswith("http://") or low.startswith("https://")


def fetch(url: str, *, timeout: float = TIMEOUT_SECONDS, max_bytes: int = MAX_BYTES) -> Fetched:
    """GET a URL; the body is capped at ``max_bytes`` (larger pages are refused)."""
    import urllib.error
    import urllib.request

    if not is_url(url):
        raise TimelineError(f"{url}: only http:// and https:// URLs can be fetched")
    request = urllib.request.Request(
        url,
        headers={
            "User-Agent": USER_AGENT,
            "Accept": "text/html,application/xhtml+xml,application/rss+xml,"
            "application/atom+xml,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise TimelineError(
                    f"{url}: page is too large ({int(declared) // 1024} KB; "
                    f"limit {max_bytes // 1024} KB)"
                )
            data = response.read(max_bytes + 1)
            if len(data) > max_bytes:
                raise TimelineError(f"{url}: page is larger than the {max_bytes // 1024} KB limit")
            content_type = response.headers.get("Content-Type", "") or ""
            final_url = response.geturl() or url
    except TimelineError:
        raise
    except urllib.error.HTTPError as exc:
        raise TimelineError(f"{url}: HTTP error {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, TimeoutError):
            raise TimelineError(f"{url}: timed out after {timeout:g} s") from None
        raise TimelineError(f"{url}: cannot fetch ({reason})") from None
    except TimeoutError:
        raise TimelineError(f"{url}: timed out after {timeout:g} s") from None
    except (OSError, ValueError) as exc:
        raise TimelineError(f"{url}: cannot fetch ({exc})") from None
    return Fetched(url=final_url, data=data, content_type=content_type.lower())
