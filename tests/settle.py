"""Article files written by a test, dated back so that a run reads them at once.

``calsync run`` leaves for the next run a file modified in the last seconds before it starts
(``[limits] min_file_age``: it may still be being written). Tests write their articles and run
straight away; this dates them a minute back, as a file that sat in the folder would be.
"""

from __future__ import annotations

import os
import time
from pathlib import Path


def settled(*paths: Path, age: float = 60.0) -> None:
    """Set each file's access and modification times ``age`` seconds back."""
    when = time.time() - age
    for path in paths:
        os.utime(path, (when, when))
