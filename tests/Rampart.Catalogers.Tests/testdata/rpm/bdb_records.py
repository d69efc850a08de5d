"""Prints the records of an rpm sqlite database (its Packages table: header number, header blob) in db_load's input
format (db_dump -p style, `format=bytevalue`): each key is the 4-byte header number in the database's byte order,
as rpm keys its Berkeley DB Packages database. Arguments: SQLITE_FILE BYTE_ORDER(1234|4321) PAGE_SIZE."""
import sqlite3
import struct
import sys

source, order, page_size = sys.argv[1:4]
key = "<I" if order == "1234" else ">I"
connection = sqlite3.connect(f"file:{source}?mode=ro&immutable=1", uri=True)
print("VERSION=3\nformat=bytevalue\ntype=hash")
print(f"db_lorder={order}\ndb_pagesize={page_size}\nHEADER=END")
for number, blob in connection.execute("SELECT hnum, blob FROM Packages ORDER BY hnum"):
    print(" " + struct.pack(key, number).hex())
    print(" " + bytes(blob).hex())
print("DATA=END")
