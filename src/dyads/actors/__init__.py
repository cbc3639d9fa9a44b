"""Actors: who is who. Knowledge base (data files) + resolver (parse -> Actor)."""

from dyads.actors.knowledge import Entry, KnowledgeBase, load_knowledge
from dyads.actors.resolver import ActorResolver, Mention

__all__ = ["ActorResolver", "Entry", "KnowledgeBase", "Mention", "load_knowledge"]
