"""The course data, installed as the package `helpers.data` so every install can read it."""
