"""Forms a regulator or a programme asks for (NMC reflective accounts, mentor-meeting records),
filled from reflections: declared in data files, validated, filled, and written as a PDF."""
