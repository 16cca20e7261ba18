"""Many events for scale tests and benchmarks: the course's own rows resampled with new, seeded dates.

Text lengths and the mix of lanes and readings stay the course's; the events that open the
leader bands are kept, since the overview's bands need them.
"""

import numpy as np
import pandas as pd

from helpers.timeline import LEADERS


def synthetic_events(events, size, seed=0, ids="short"):
    """`size` events resampled from `events`, dated at random in 1995–2015, each with a new id.

    `ids="short"` numbers them (`synthetic-7`); `ids="long"` appends the number to the course
    event's own id, so that ids are as long as the course's and figure sizes realistic.
    """
    rng = np.random.default_rng(seed)
    sample = events.iloc[rng.integers(0, len(events), size)].reset_index(drop=True)
    days = rng.integers(0, (pd.Timestamp("2015-12-01") - pd.Timestamp("1995-01-01")).days, size)
    sample["date"] = pd.Timestamp("1995-01-01") + pd.to_timedelta(days, unit="D")
    sample["end_date"] = sample["end_date"].where(sample["end_date"].isna(), sample["date"] + pd.Timedelta(days=30))
    sample["period"] = "background"
    numbers = [f"-{n}" for n in range(size)]
    sample["id"] = sample["id"] + numbers if ids == "long" else ["synthetic" + n for n in numbers]
    leaders = events[events["id"].isin([opening for _, opening in LEADERS if opening])]  # the leader bands need them
    return pd.concat([leaders, sample.iloc[len(leaders) :]], ignore_index=True)
