"""Measure the PETRARCH lexicon layer on the development sets: per configuration and per family.

    PYTHONPATH=$PWD python scripts/measure_petrarch.py [--tools /work/shared/tools]
        [--data /work/shared/data] [--work /tmp/petrarch-measure] [--drop FAMILY ...]

For the curated lexicon alone and for curated + layer under each pattern scope and merge
policy (scripts/petrarch_merge.py), writes the merged lexicon, extracts the development
articles and the PLOVER development sentences with it (on top of the packaged curated
layer alone: ExtractOptions(lexicon=MERGED, lexicon_layers=("curated",))), scores them
with the shared scorers (score_articles.py, plover_eval.py) and prints one row per
configuration. Layer entries carry their family in the label, so every predicted event
is traced to the curated lexicon or to a PETRARCH family: the per-family table counts
events that match gold (articles) or the sentence's gold type (PLOVER), and those that
do not. `--filter` applies a family_filter.yaml and
`--drop` removes more families before merging (for ablations). Development text is only
read, never copied.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

from ingest.errors import InputError
from ingest.jsonl import write_extractions
from ingest.lexicon import load_codebook, load_lexicon, read_lexicon_file
from ingest.nlp import load_pipeline
from ingest.pipeline import ExtractOptions, extract_paths
from scripts.convert_petrarch import (
    DEFAULT_SOURCE,
    SOURCE_FILE,
    FamilyFilter,
    Scope,
    convert,
    read_filter,
)
from scripts.petrarch_layer import LayerEntry
from scripts.petrarch_lemmas import Lemmatizer
from scripts.petrarch_merge import POLICIES, FrameWords, merge_atoms, merged_text
from scripts.petrarch_verbs import parse_verb_dictionary

REPO = Path(__file__).resolve().parent.parent
CURATED = REPO / "ingest" / "data" / "event_lexicon.yaml"
MODALITY = REPO / "ingest" / "data" / "modality.yaml"
TAG = "petrarch "


def _module(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"{path}: cannot import")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass
class Tally:
    """Events of one origin (curated or a family): matching gold, and not."""

    good: int = 0
    bad: int = 0


@dataclass
class Result:
    name: str
    dev_line: str
    plover_line: str
    dev: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    plover: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))


def _origin(event: dict[str, object]) -> str:
    label = str(event.get("label") or "")
    return label[len(TAG) :].split(" l.")[0] if label.startswith(TAG) else "(curated)"


def _extract(paths: Sequence[Path], lexicon: Path | None, out: Path) -> None:
    """Extract with `lexicon` on top of the curated layer alone (`polgraph extract
    --lexicon` would stack it on the packaged PETRARCH layer as well)."""
    options = ExtractOptions(lexicon=lexicon, lexicon_layers=("curated",))

    def skip(error: InputError) -> None:
        print(f"skipped: {error}", file=sys.stderr)

    with out.open("w", encoding="utf-8") as stream:
        write_extractions(extract_paths([str(p) for p in paths], options, skip), stream)


def _last_line(cmd: list[str]) -> str:
    proc = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return proc.stdout.strip().splitlines()[-1]


def measure(
    name: str, lexicon: Path | None, args: argparse.Namespace, tools: dict[str, ModuleType]
) -> Result:
    """Extract and score one configuration; tally predicted events by origin."""
    work: Path = args.work / name
    work.mkdir(parents=True, exist_ok=True)
    dev_pred, plover_pred = work / "dev.jsonl", work / "plover.jsonl"
    _extract([args.data / "articles-dev" / "articles"], lexicon, dev_pred)
    scorer, plover = tools["score_articles"], tools["plover_eval"]
    dev_line = _last_line(
        [sys.executable, str(args.tools / "score_articles.py"), "--pred", str(dev_pred)]
    )
    records = plover.load_gold(args.data / "plover" / "gsr-dev.json")
    sentences = work / "plover-sentences"
    sentences.mkdir(exist_ok=True)
    for rec in records:  # the same files plover_eval.py writes for its own run
        head = f"Title: {rec['id']}\nPublished: {rec.get('date', 'unknown')}\n\n"
        body = head + rec["text"].strip() + "\n"
        (sentences / f"{rec['id']}.txt").write_text(body, encoding="utf-8")
    _extract([sentences], lexicon, plover_pred)
    plover_line = _last_line(
        [sys.executable, str(args.tools / "plover_eval.py"), "--pred", str(plover_pred)]
    )
    result = Result(name, dev_line, plover_line)
    gold = scorer.load_gold(args.data / "articles-dev" / "gold")
    paired, _ = scorer.pair_predictions(gold, scorer.load_pred(dev_pred))
    for stem, pred in paired.items():
        _, events = scorer._resolve(pred)
        matched = {i for i, _ in scorer.match_events(events, gold[stem].get("events", []))}
        for i, event in enumerate(events):
            tally = result.dev[_origin(event["raw"])]
            tally.good += i in matched
            tally.bad += i not in matched
    preds = plover.index_predictions(
        plover_pred.read_text(encoding="utf-8"), {r["id"] for r in records}
    )
    for rec in records:
        for event in preds.get(rec["id"], {}).get("events", []):
            typed = rec["event"] in plover.ROOT_TO_PLOVER.get(
                str(event.get("cameo", ""))[:2], set()
            )
            tally = result.plover[_origin(event)]
            tally.good += typed
            tally.bad += not typed
    return result


def layer_entries(scope: Scope, keep: FamilyFilter | None) -> list[LayerEntry]:
    text = (DEFAULT_SOURCE / SOURCE_FILE).read_text(encoding="utf-8", errors="replace")
    entries, _ = convert(
        parse_verb_dictionary(text), Lemmatizer(load_pipeline()), load_codebook(), keep, scope
    )
    return entries


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tools", type=Path, default=Path("/work/shared/tools"))
    parser.add_argument("--data", type=Path, default=Path("/work/shared/data"))
    parser.add_argument("--work", type=Path, default=Path("/tmp/petrarch-measure"))
    parser.add_argument("--scopes", nargs="+", default=["origin", "block"])
    parser.add_argument("--policies", nargs="+", default=list(POLICIES))
    parser.add_argument("--filter", type=Path, help="a family_filter.yaml to apply")
    parser.add_argument("--drop", nargs="*", default=[], help="more families to leave out")
    parser.add_argument("--tag", default="", help="suffix for configuration names")
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument(
        "--keep-frame-verbs", action="store_true", help="let frame and light verbs in too"
    )
    parser.add_argument("--json-out", type=Path, help="write the figures as JSON here")
    args = parser.parse_args(argv)
    tools = {n: _module(args.tools / f"{n}.py") for n in ("score_articles", "plover_eval")}
    curated_text = CURATED.read_text(encoding="utf-8")
    curated = load_lexicon(layers=("curated",))
    frames = (
        FrameWords.none()
        if args.keep_frame_verbs
        else FrameWords.from_yaml(MODALITY.read_text(encoding="utf-8"))
    )
    results = [] if args.no_baseline else [measure("curated", None, args, tools)]
    for scope in args.scopes:
        keep = read_filter(args.filter) if args.filter else None
        entries = [e for e in layer_entries(scope, keep) if e.family not in set(args.drop)]
        for policy in args.policies:
            name = f"{scope}-{policy}{args.tag}"
            layer, left_out = merge_atoms(entries, curated, frames, policy)
            path = args.work / f"{name}.yaml"
            args.work.mkdir(parents=True, exist_ok=True)
            path.write_text(merged_text(curated_text, layer, policy, tag_labels=True), "utf-8")
            read_lexicon_file(path)  # fails loudly if the merge broke a loader rule
            print(f"{name}: {len(layer)} layer entries; left out {dict(sorted(left_out.items()))}")
            results.append(measure(name, path, args, tools))
    report(results)
    if args.json_out:
        args.json_out.write_text(json.dumps([_as_json(r) for r in results], indent=1), "utf-8")
    return 0


def _as_json(result: Result) -> dict[str, object]:
    return {
        "name": result.name,
        "dev": result.dev_line,
        "plover": result.plover_line,
        "dev_by_origin": {k: [v.good, v.bad] for k, v in result.dev.items()},
        "plover_by_origin": {k: [v.good, v.bad] for k, v in result.plover.items()},
    }


def report(results: Sequence[Result]) -> None:
    for result in results:
        print(f"{result.name:24} {result.dev_line}")
        print(f"{'':24} {result.plover_line}")
    for result in results:
        families: Counter[str] = Counter()
        for table in (result.dev, result.plover):
            for origin, tally in table.items():
                families[origin] += tally.good + tally.bad
        print(f"\n{result.name}: events by origin (dev good/bad, PLOVER typed/untyped)")
        for origin, _ in families.most_common():
            d, p = result.dev.get(origin, Tally()), result.plover.get(origin, Tally())
            print(f"  {origin:28} dev {d.good:3}/{d.bad:<3}  plover {p.good:3}/{p.bad:<3}")


if __name__ == "__main__":
    sys.exit(main())
