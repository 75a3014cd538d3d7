"""Pure rules over pydantic models: scoring, planning, extraction, wording. No I/O, no clock."""
