"""One module per planning rule; each adds its constraints to a model through
:class:`planner.solver.variables.Variables` and nothing else."""
