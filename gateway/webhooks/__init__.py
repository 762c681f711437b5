"""Webhooks: the shop's systems hear about conversations as they happen (Standard Webhooks)."""
