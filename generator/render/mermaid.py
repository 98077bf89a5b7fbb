"""The SOP flowchart as a Mermaid swimlane diagram: one vertical lane per actor.

Node ids are made here (lane0, s1, mulai, selesai, kosong1); user text only ever
appears inside escaped, quoted labels. A lane without steps gets an invisible
placeholder node: Mermaid otherwise moves empty lanes out of the given order.
"""

from __future__ import annotations

from collections.abc import Mapping

from generator.manual.model import Role, Sop, Step
from generator.render.escape import mermaid_label

START, END = "mulai", "selesai"


def _node_id(step: Step) -> str:
    return f"s{step.number}"


def _node(step: Step) -> str:
    if step.decision is not None:
        return f"{_node_id(step)}{{{mermaid_label(f'{step.number}. {step.decision.question}', 22)}}}"
    return f"{_node_id(step)}[{mermaid_label(f'{step.number}. {step.activity}')}]"


def swimlane(sop: Sop, roles: Mapping[str, Role]) -> str:
    """The diagram text for `sop`; lanes follow the SOP's `pelaksana` order."""
    steps = sop.spec.steps
    first_actor, last_actor = steps[0].actor, steps[-1].actor
    lines = ["swimlane-beta TB"]
    empty: list[str] = []
    for index, actor in enumerate(sop.spec.actors):
        lines.append(f"  subgraph lane{index}[{mermaid_label(roles[actor].abbreviation, 40)}]")
        if actor == first_actor:
            lines.append(f'    {START}(["Mulai"])')
        own = [f"    {_node(step)}" for step in steps if step.actor == actor]
        lines.extend(own)
        if actor == last_actor:
            lines.append(f'    {END}(["Selesai"])')
        elif not own and actor != first_actor:
            lines.append(f'    kosong{index}[" "]')
            empty.append(f"kosong{index}")
        lines.append("  end")
    lines.append(f"  {START} --> {_node_id(steps[0])}")
    lines.extend(f"  {edge}" for edge in _edges(steps))
    if empty:
        lines.append("  classDef kosong fill:none,stroke:none")
        lines.append(f"  class {','.join(empty)} kosong")
    return "\n".join(lines) + "\n"


def _edges(steps: list[Step]) -> list[str]:
    by_number = {step.number: step for step in steps}
    edges = []
    for position, step in enumerate(steps):
        following = _node_id(steps[position + 1]) if position + 1 < len(steps) else END
        if step.decision is None:
            edges.append(f"{_node_id(step)} --> {following}")
            continue
        yes = _node_id(by_number[step.decision.yes]) if step.decision.yes is not None else following
        edges.append(f"{_node_id(step)} -->|Ya| {yes}")
        edges.append(f"{_node_id(step)} -->|Tidak| {_node_id(by_number[step.decision.no])}")
    return edges
