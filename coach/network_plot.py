"""A picture of the peer map: you in the middle, peers grouped by team, coloured by strength,
sized by importance, focus peers ringed."""

from __future__ import annotations

import math
from datetime import date

import plotly.graph_objects as go

from coach.domain.peers import PeerView

COLOURS = {"strong": "#16a34a", "weak": "#f59e0b", "nonexistent": "#9ca3af"}
LINES = {"strong": "solid", "weak": "dash", "nonexistent": "dot"}


def layout(peers: list[PeerView]) -> dict[str, tuple[float, float]]:
    """Teams on a circle around you; each team's peers on a small circle around the team."""
    teams: dict[str, list[PeerView]] = {}
    for peer in peers:
        teams.setdefault(peer.team or "No team", []).append(peer)
    positions = {}
    for t, (_team, members) in enumerate(sorted(teams.items())):
        angle = 2 * math.pi * t / max(len(teams), 1)
        cx, cy = 3 * math.cos(angle), 3 * math.sin(angle)
        radius = 0 if len(members) == 1 else 0.5 + 0.08 * len(members)
        for m, peer in enumerate(sorted(members, key=lambda p: p.name.lower())):
            a = angle + 2 * math.pi * m / len(members)
            positions[peer.id] = (cx + radius * math.cos(a), cy + radius * math.sin(a))
    return positions


def network_figure(peers: list[PeerView], today: date | None = None) -> go.Figure:
    today = today or date.today()
    fig = go.Figure()
    pos = layout(peers)
    for peer in peers:  # one line from you to each peer, styled by strength
        x, y = pos[peer.id]
        fig.add_trace(
            go.Scatter(
                x=[0, x],
                y=[0, y],
                mode="lines",
                hoverinfo="skip",
                line={
                    "color": COLOURS[peer.relationship],
                    "width": 1,
                    "dash": LINES[peer.relationship],
                },
                showlegend=False,
            )
        )
    for strength, colour in COLOURS.items():
        group = [p for p in peers if p.relationship == strength]
        if not group:
            continue
        hover = []
        for p in group:
            last = f"{(today - p.last_contact).days} days ago" if p.last_contact else "never"
            hover.append(
                f"<b>{p.name}</b> ({p.team or 'no team'})<br>{p.role or ''}<br>"
                f"{strength}, importance {p.importance}/5<br>last contact: {last}"
                + ("<br>★ focus" if p.focus else "")
            )
        fig.add_trace(
            go.Scatter(
                x=[pos[p.id][0] for p in group],
                y=[pos[p.id][1] for p in group],
                mode="markers+text",
                name=strength,
                text=[p.name for p in group],
                textposition="bottom center",
                hovertext=hover,
                hoverinfo="text",
                marker={
                    "size": [12 + 7 * p.importance for p in group],
                    "color": colour,
                    "line": {
                        "width": [4 if p.focus else 1 for p in group],
                        "color": ["#1d4ed8" if p.focus else "white" for p in group],
                    },
                },
            )
        )
    fig.add_trace(
        go.Scatter(
            x=[0],
            y=[0],
            mode="markers+text",
            text=["You"],
            textposition="middle center",
            hoverinfo="skip",
            showlegend=False,
            marker={"size": 34, "color": "#e0e7ff"},
        )
    )
    teams = sorted({p.team or "No team" for p in peers})
    for t, team in enumerate(teams):
        angle = 2 * math.pi * t / max(len(teams), 1)
        fig.add_annotation(
            x=4.3 * math.cos(angle),
            y=4.3 * math.sin(angle),
            text=f"<b>{team}</b>",
            showarrow=False,
            font={"color": "#374151"},
        )
    fig.update_layout(
        height=480,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        plot_bgcolor="white",
        xaxis={"visible": False, "range": [-5.5, 5.5]},
        yaxis={"visible": False, "range": [-5, 5], "scaleanchor": "x"},
        legend={"orientation": "h", "y": 1.05},
        title={"text": "Your peer network" if peers else "No peers yet: add the first one"},
    )
    return fig
