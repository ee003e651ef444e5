"""What an attendee wants: interests (keywords, sessions, speakers, stars, must-see, skip) and
constraints (arrival, departure, busy times, walking, lunch, daily caps).

- :mod:`planner.interests.profile` - :class:`InterestProfile`, field names = CLI flag names.
- :mod:`planner.interests.relevance` - keyword relevance (BM25 per field), explained in words.
- :mod:`planner.interests.scoring` - one interest score per contribution, with reasons.
- :mod:`planner.interests.storage` - the profile as a TOML file.
- :mod:`planner.interests.settings` - settings as a file writes them, read like the flags.
- :mod:`planner.interests.attendee_input` - what the attendee types (flags, form fields, profile
  entries: stars, sessions, likes, times, busy spans) read into profile values.
- :mod:`planner.interests.busy_calendar` - busy times read from the attendee's own calendars.

Only the profile is imported here, so reading a profile does not load the ranking libraries.
"""

from planner.interests.profile import InterestProfile

__all__ = ["InterestProfile"]
