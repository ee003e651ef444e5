"""Benchmarks: ``python -m bench`` runs the solver benchmark."""

from bench.solver_bench import main

raise SystemExit(main())
