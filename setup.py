"""Everything else is in pyproject.toml. This lists the packages: those in src/, and the
top-level resources/ folder as summit_app.resources (pyproject maps it there) with each of its
folders, found rather than named, so fonts or templates added later ship with no change here.
pyproject's own find cannot list packages outside its search folder."""

import shutil

from setuptools import find_namespace_packages, find_packages, setup
from setuptools.command.build_py import build_py


class FreshBuildPy(build_py):
    """Copy the package into an empty build/lib: setuptools keeps what an earlier build put
    there, and a module since deleted from src/ went into the next wheel."""

    def run(self) -> None:
        if not self.editable_mode:
            shutil.rmtree(self.build_lib, ignore_errors=True)
        super().run()


data = find_namespace_packages("resources", exclude=["__pycache__", "*.__pycache__"])
setup(
    packages=[
        *find_packages("src"),
        "summit_app.resources",
        *(f"summit_app.resources.{folder}" for folder in data),
    ],
    cmdclass={"build_py": FreshBuildPy},
)
