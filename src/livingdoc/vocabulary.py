"""A session's step vocabulary: what the collected step definitions can match.

Suggestions for an undefined step and the check of a feature file both need the
step definitions a pytest session has collected (they exist only as its fixtures),
described as catalogue entries, and for the few phrases suggested an example of
their use from the feature files. Usages are looked up for those phrases only, so
a run that meets an undefined step does not pay for the whole catalogue.
"""

from __future__ import annotations

from pathlib import Path

from pytest_bdd.steps import StepFunctionContext

from .catalogue import build_catalogue, step_matches
from .gherkin_reader import find_feature_files, read_features
from .model import Feature, Step, StepDefinition, Suggestion
from .suggest import SUGGESTIONS, rank, shortlist, suggestion


class Vocabulary:
    """The step definitions of one session, and the feature files they are used in."""

    def __init__(
        self,
        contexts: list[StepFunctionContext],
        rootdir: Path,
        roots: list[Path],
        catalogue: list[StepDefinition] | None = None,
    ) -> None:
        self.contexts = contexts
        self.rootdir = rootdir
        self.roots = roots
        #: Entries in the order of ``contexts``; with usages when the session built them.
        self.definitions = catalogue or build_catalogue(contexts, [], rootdir)
        self._usages_known = catalogue is not None
        self._features: list[Feature] | None = None

    @property
    def features(self) -> list[Feature]:
        """Every feature file of the project (read once, when an example is first needed)."""
        if self._features is None:
            files, roots = find_feature_files(self.rootdir, self.roots)
            self._features = read_features(files, self.rootdir, roots)
        return self._features

    def matching(self, step: Step, text: str) -> list[StepFunctionContext]:
        """The definitions a run would match this step line with (more than one: ambiguous)."""
        return [c for c in self.contexts if step_matches(c, step.type, text)]

    def suggest(self, step_type: str, text: str, limit: int = SUGGESTIONS) -> list[Suggestion]:
        """The phrases nearest to a step, each with an example of its use where one exists."""
        found = []
        for score, definition in shortlist(step_type, rank(step_type, text, self.definitions),
                                           limit):
            if not self._usages_known:
                context = self.contexts[self.definitions.index(definition)]
                definition = build_catalogue([context], self.features, self.rootdir)[0]
            found.append(suggestion(definition, score))
        return found
