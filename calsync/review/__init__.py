"""``calsync review``: a local web page to look at what calsync found before it is shared.

``workspace`` gathers the articles and the events (the same road as every command, before
decisions); ``view`` turns them into what the pages show (highlighted article text, week
and month grids, each event with its decision), pure and without the web framework; ``app``
is the Flask application (``calsync[review]``) that serves them on 127.0.0.1 and stores
decisions in the state file. Only ``app`` imports Flask.
"""
