"""Batch planning for groups (``planner group``).

- :mod:`.groupfile` reads a group file (YAML or CSV) with the line of each member;
- :mod:`.profiles` turns each member's entry into a checked profile;
- :mod:`.personal` plans (and renders) many members across processes;
- :mod:`.coverage` says what the group cares about and how much of it plans cover;
- :mod:`.joint` is the ``cover`` policy: one CP-SAT model with every member's rules;
- :mod:`.greedy` is the baseline it is measured against;
- :mod:`.lns` is ``cover`` for large groups: a search over members from the better baseline;
- :mod:`.run` composes a run; :mod:`.overview` and :mod:`.output` write it (through
  :mod:`.outdir`, with file names from :mod:`.naming`); :mod:`.command` is the CLI's part.
"""
