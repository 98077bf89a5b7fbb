"""The SOP flowchart as a Mermaid swimlane diagram: one vertical lane per actor.

Node ids are made here (lane0, s1, mulai, selesai, kosong1); user text only ever
appears inside escaped, quoted labels. A lane without steps gets a faint
"tidak ada langkah" node: Mermaid otherwise moves empty lanes out of the given
order, and an empty node would leave the lane a sliver too narrow for its heading.
"""

from __future__ import annotations

from collections.abc import Mapping

from generator.manual.model import Role, Sop, Step
from generator.render.escape import mermaid_label, shortened

START, END = "mulai", "selesai"


def _node_id(step: Step, k: int = 0) -> str:
    """The id of the `k`-th symbol of a step's row (a row with several roles has one symbol per role)."""
    return f"s{step.number}" if k == 0 else f"s{step.number}_{k + 1}"


# A diamond shows its question and then the activity; a long activity keeps its start (the
# full text is in the table), since a diamond grows with the square of its text.
DIAMOND_CHARS = 60
EMPTY_LANE = "tidak ada langkah"


def _diamond_label(step: Step) -> str:
    """`N. question` and, under it, the activity (once, when the question is the activity)."""
    activity = shortened(step.activity, DIAMOND_CHARS)
    if step.decision is None or not step.decision.question:
        return mermaid_label(f"{step.number}. {activity}", 24)
    asked = mermaid_label(f"{step.number}. {step.decision.question}", 24)
    return f"{asked[:-1]}<br>{mermaid_label(activity, 24)[1:]}"  # two quoted labels joined into one


def _node(step: Step, k: int) -> str:
    if step.decision is not None:
        return f"{_node_id(step, k)}{{{_diamond_label(step)}}}"
    return f"{_node_id(step, k)}[{mermaid_label(f'{step.number}. {step.activity}')}]"


def swimlane(sop: Sop, roles: Mapping[str, Role]) -> str:
    """The diagram text for `sop`; lanes follow the SOP's `pelaksana` order."""
    steps = sop.spec.steps
    first_actor, last_actor = steps[0].actors[0], steps[-1].actors[-1]
    lines = ["swimlane-beta TB"]
    empty: list[str] = []
    for index, actor in enumerate(sop.spec.actors):
        lines.append(f"  subgraph lane{index}[{mermaid_label(roles[actor].abbreviation, 40)}]")
        if actor == first_actor:
            lines.append(f'    {START}(["Mulai"])')
        own = [f"    {_node(step, k)}" for step in steps for k, a in enumerate(step.actors) if a == actor]
        lines.extend(own)
        if actor == last_actor:
            lines.append(f'    {END}(["Selesai"])')
        elif not own and actor != first_actor:
            lines.append(f"    kosong{index}[{mermaid_label(EMPTY_LANE)}]")
            empty.append(f"kosong{index}")
        lines.append("  end")
    lines.append(f"  {START} --> {_node_id(steps[0])}")
    lines.extend(f"  {edge}" for edge in _edges(steps))
    if empty:
        lines.append("  classDef kosong fill:none,stroke:#9e9e9e,stroke-dasharray:4 4,color:#757575")
        lines.append(f"  class {','.join(empty)} kosong")
    return "\n".join(lines) + "\n"


def _edges(steps: list[Step]) -> list[str]:
    """Within a row the flow passes role to role; the row's last symbol leads on (Ya/Tidak for a decision)."""
    by_number = {step.number: step for step in steps}
    edges = []
    for position, step in enumerate(steps):
        following = _node_id(steps[position + 1]) if position + 1 < len(steps) else END
        last = len(step.actors) - 1
        decision = step.decision
        for k in range(last + 1):
            here = _node_id(step, k)
            if decision is None:
                edges.append(f"{here} --> {_node_id(step, k + 1) if k < last else following}")
                continue
            if k < last:
                yes = _node_id(step, k + 1)  # "ya" passes to the next role in the row
            else:
                yes = _node_id(by_number[decision.yes]) if decision.yes is not None else following
            edges.append(f"{here} -->|Ya| {yes}")
            if decision.no is not None:
                edges.append(f"{here} -->|Tidak| {_node_id(by_number[decision.no])}")
    return edges
