#!/usr/bin/env python3
"""Expected hits of single-term queries on any gongkai site, for the
complete-list recall in bench/search_compare.sh.

    python3 bench/search_terms.py SITE_ROOT TERM... > queries.json

Uses the oracle of the recall fixture (tests/fixtures/search/expected.py):
every project whose name, department, goals, indicator names, details,
implementer or code contains the term. Unlike the fixture, this runs on a
generated corpus of thousands of projects, where a term has hundreds of
hits and recall@10 says nothing; the benchmark compares the engines'
whole result lists with these sets instead.
"""
import importlib.util
import json
import os
import sys

import yaml

here = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location(
    "expected", os.path.join(here, "..", "tests", "fixtures", "search", "expected.py")
)
expected = importlib.util.module_from_spec(spec)
spec.loader.exec_module(expected)

# The C loader, when PyYAML has it: 10,000 files take minutes otherwise.
if hasattr(yaml, "CSafeLoader"):
    yaml.safe_load = lambda stream: yaml.load(stream, Loader=yaml.CSafeLoader)


def main():
    root, terms = sys.argv[1], sys.argv[2:]
    projects = list(expected.projects(root))
    out = []
    for term in terms:
        word = expected.fold(term)
        hits = [p["href"] for p in projects if any(word in f for f in p["fields"])]
        out.append({"q": term, "kind": "term", "expect": hits})
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
