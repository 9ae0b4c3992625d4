"""The forms window: fill a regulator's or programme's form from reflections."""
