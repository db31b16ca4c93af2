"""Complaint Handling Code self-assessments as data.

``chc.extract(paths)`` runs the extraction of the ``chc`` command line tool (the same
code) and returns a :class:`Batch` of documents, errors and the provisions table.
"""

import os
from typing import Any, Dict, List, Literal, Optional, Sequence, Tuple, Union

__version__: str
"""The chc version, as ``chc --version`` prints it."""

PROVISION_COLUMNS: Tuple[str, ...]
"""The columns of ``provisions.csv``, in order: the keys of each dict of ``Batch.rows()``."""

StrPath = Union[str, "os.PathLike[str]"]

class Batch:
    """The result of one :func:`extract` call."""

    @property
    def documents(self) -> List[Dict[str, Any]]:
        """One dict per document extracted, in input order: exactly the JSON that
        ``chc extract`` writes to ``documents/<stem>.json`` (described in docs/schema.md).
        Built on first access and kept: the same list every time."""

    errors: List[Dict[str, str]]
    """One dict per input that produced no document, in input order, with the keys of
    ``errors.csv``: ``file``, ``stage``, ``kind``, ``message``."""

    def rows(self) -> List[Dict[str, str]]:
        """The provisions table: one dict per document x provision with exactly the columns
        of ``provisions.csv`` (:data:`PROVISION_COLUMNS`), every value a string as the CSV
        has it ("" for an empty cell, "true"/"false", scores with three decimals)."""

    def to_pandas(self) -> Any:
        """The provisions table as a ``pandas.DataFrame`` (the rows of :meth:`rows`, columns
        in the order of ``provisions.csv``). Raises ImportError when pandas is missing."""

    def __len__(self) -> int:
        """The number of documents."""

def extract(
    paths: Union[StrPath, Sequence[StrPath]],
    jobs: Optional[int] = None,
    manifest: Optional[StrPath] = None,
    align: Optional[Union[Literal["2024"], Literal[2024]]] = None,
    *,
    max_seconds: float = 60.0,
    max_file_mb: int = 512,
) -> Batch:
    """Extract Complaint Handling Code self-assessment forms, as ``chc extract`` does.

    paths: a file or folder, or a list of them; folders are searched recursively for
        .pdf, .docx, .html/.htm and .txt/.tsv files (the format is read from the content).
    jobs: documents processed at once (default: one per core).
    manifest: a CSV file with columns path,landlord[,code_version][,document_date] whose
        values override detection for the inputs whose path ends with ``path``.
    align: "2024" to add to each 2022-Code row its 2024 counterpart (``aligned_2024``).
    max_seconds: time budget per document (0: none); a document over it is an error of
        kind ``time_limit``.
    max_file_mb: largest input file read, in MB.

    The GIL is released while documents are processed. A file that cannot be extracted is
    an entry in ``Batch.errors``, never an exception. Raises FileNotFoundError when a path
    does not exist, ValueError for a bad manifest or argument, or when no input file is
    found.
    """
