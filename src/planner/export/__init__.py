"""Export a plan or a programme: iCalendar (RFC 5545), Markdown and HTML agendas. Pure functions
build the documents; ``writers`` puts them on disk atomically and never overwrites a file that is
not one of ours without ``force``. (Busy times read from the attendee's calendars are input:
:mod:`planner.interests.busy_calendar`.)"""
