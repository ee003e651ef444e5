"""What an attendee wants: interests (keywords, sessions, speakers, stars, must-see, skip) and
constraints (arrival, departure, busy times, walking, lunch, daily caps)."""

from planner.interests.profile import InterestProfile

__all__ = ["InterestProfile"]
