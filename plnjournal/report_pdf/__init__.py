"""The progress report as a PDF: Qt's text engine and painter, no widgets; used by both front ends."""
