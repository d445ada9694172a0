"""Name resolution lives in ``assistant.actions.resolve`` (every action resolves the names it is given, whichever
face calls it); re-exported here for the brain's own modules."""

from assistant.actions.resolve import GOAL_WORDS, PRONOUNS, Catalog, Mention, find_goal, mentions_pronoun

__all__ = ["GOAL_WORDS", "PRONOUNS", "Catalog", "Mention", "find_goal", "mentions_pronoun"]
