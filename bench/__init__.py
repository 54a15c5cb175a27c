"""The benchmark of issue 6: a data generator, floors, and the runner."""
