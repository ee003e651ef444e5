"""planner: a personal itinerary planner for scientific conferences."""
