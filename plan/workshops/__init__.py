"""Live workshops: planning, join codes, participants and voting in the room."""
