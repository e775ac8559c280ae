"""Encryption at rest: one data key, wrapped by the coach's passphrase, sealing every practice file.

cipher.py seals and opens one file's bytes; header.py keeps the wrapped key
(encryption.json in the data folder); vault.py is the codec the store's
readers and writers go through; convert.py turns a practice's files one way
or the other, resumably. Nothing here runs at import time.
"""
