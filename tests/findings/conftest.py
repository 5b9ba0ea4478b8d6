from tests.reaction_fixtures import *  # noqa: F403  (the reactions cast)
