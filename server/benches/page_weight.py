#!/usr/bin/env python3
"""What a browser downloads for a page, compressed as it travels.

    server/benches/page_weight.py http://127.0.0.1:3000/ideas

A first visit fetches the page and everything it links (stylesheets, the
script and wasm it preloads, the icon); a second visit fetches the page
again plus whatever the first did not allow the browser to keep for good
(`Cache-Control: immutable`): a file kept only for a while is counted as
fetched again. Sizes are the bytes on the wire (br or gzip where the
server compresses). The budgets (issue 19): 150 KB first, 15 KB second.
"""

import re
import sys
import urllib.parse
import urllib.request

FIRST_BUDGET = 150 * 1024
SECOND_BUDGET = 15 * 1024
LINKED = re.compile(
    r'<(?:link|script)\b[^>]*?\b(?:href|src)="([^"]+)"[^>]*>', re.IGNORECASE
)
KINDS = re.compile(r'rel="(stylesheet|modulepreload|preload|icon)"|<script', re.IGNORECASE)


def fetch(url):
    request = urllib.request.Request(url, headers={"Accept-Encoding": "br, gzip"})
    with urllib.request.urlopen(request) as response:
        body = response.read()
        return body, response.headers


def linked(page_url, html):
    found = []
    for tag in re.finditer(r"<(?:link|script)\b[^>]*>", html, re.IGNORECASE):
        text = tag.group(0)
        if not KINDS.search(text):
            continue
        address = LINKED.match(text)
        if address:
            found.append(urllib.parse.urljoin(page_url, address.group(1)))
    return list(dict.fromkeys(found))


def main():
    page_url = sys.argv[1]
    body, headers = fetch(page_url)
    html = fetch_plain(page_url)
    rows = [(page_url, len(body), headers.get("Content-Encoding", "none"), headers.get("Cache-Control", ""))]
    for url in linked(page_url, html):
        data, found = fetch(url)
        rows.append((url, len(data), found.get("Content-Encoding", "none"), found.get("Cache-Control", "")))
    first = sum(size for _, size, _, _ in rows)
    second = rows[0][1] + sum(size for _, size, _, kept in rows[1:] if "immutable" not in kept)
    print("| file | bytes on the wire | encoding | Cache-Control |")
    print("|---|---|---|---|")
    for url, size, encoding, kept in rows:
        print(f"| `{urllib.parse.urlparse(url).path}` | {size / 1024:.1f} KB | {encoding} | {kept or '–'} |")
    print(f"| first visit | {first / 1024:.1f} KB (budget {FIRST_BUDGET // 1024} KB) | | |")
    print(f"| second visit | {second / 1024:.1f} KB (budget {SECOND_BUDGET // 1024} KB) | | |")


def fetch_plain(url):
    request = urllib.request.Request(url, headers={"Accept-Encoding": "identity"})
    with urllib.request.urlopen(request) as response:
        return response.read().decode("utf-8", "replace")


if __name__ == "__main__":
    main()
