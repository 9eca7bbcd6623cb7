"""How this counter's log and the central's differ, in words (`onewindow verify --central`):
events of this terminal missing there or different there, events the central holds for cases
held here (or of this terminal) that this store lacks, and a signed checkpoint of this
terminal that the central's copy no longer matches; and how many of this store's cases the
central holds under each center (a joint window's cases of the center above under that
center)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from app.domain.checkpoints import Checkpoint, leaf
from app.sync.central_link import CentralLink

Row = Mapping[str, object]


@dataclass(frozen=True)
class Comparison:
    """What `verify --central` says."""

    differences: list[str]
    #: This store's cases as the central holds them, by the center they belong to: how many
    #: cases, and how many events of them.
    held: dict[str, tuple[int, int]]


def compare(
    link: CentralLink,
    terminal: str,
    local: Mapping[str, Row],
    held: set[str],
    anchor: tuple[Checkpoint, set[str]] | None,
) -> Comparison:
    """`local`: this store's events by id; `held`: the ids in quarantine; `anchor`: the last
    checkpoint that holds here with its leaves (`checkpoint_audit.anchored`)."""
    found: list[str] = []
    cases: dict[str, set[str]] = {}
    events: Counter[str] = Counter()
    central_ids: set[str] = set()
    central_leaves: set[str] = set()
    local_cases = {str(row["case_id"]) for row in local.values()}
    for row in link.events_of_center():
        event_id = str(row["id"])
        central_ids.add(event_id)
        central_leaves.add(leaf(str(row["case_id"]), int(str(row["position"])), str(row["hash"])))
        if str(row["case_id"]) in local_cases:
            cases.setdefault(str(row["center"]), set()).add(str(row["case_id"]))
            events[str(row["center"])] += 1
        mine = local.get(event_id)
        if mine is None:
            ours = str(row["case_id"]) in local_cases or row["terminal"] == terminal
            if ours and event_id not in held:  # this terminal's own: a lost store
                found.append(f"中心有而本机没有：{_describe(row)}")
        elif mine["hash"] != row["hash"]:
            found.append(f"内容不同：{_describe(row)}")
    for event_id, here in local.items():
        if here["terminal"] == terminal and event_id not in central_ids:
            state = "（已隔离）" if event_id in held else "（尚未上传）"
            found.append(f"本机有而中心没有{state}：{_describe(here)}")
    if anchor and not anchor[1] <= central_leaves:
        checkpoint, lost = anchor[0], len(anchor[1] - central_leaves)
        found.append(
            f"中心数据库缺少或改动了本终端在 {checkpoint.signed_at} 签署的检查点之前的"
            f"{lost}条记录：本机记录与检查点相符，中心的记录被改动或删除"
        )
    return Comparison(found, {c: (len(cases[c]), events[c]) for c in sorted(cases)})


def _describe(row: Row) -> str:
    return f"办件 {row['case_id']} 第{row['position']}条（{row['kind']}，终端 {row['terminal']}）"
