"""The desk's KPI report: per language queue or per agent over a period (issue 21)."""
