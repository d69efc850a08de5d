using System.Buffers.Binary;

namespace Rampart.Catalogers.Rpm;

/// <summary>
/// Header blobs of an rpm database in the Berkeley DB hash backend: <c>Packages</c> of RHEL and CentOS up to 8, Amazon
/// Linux 2 and older SUSE (reference sbom-catalogers.md §2.4). Read as rpm's own read-only reader reads it
/// (rpm's <c>lib/backend/bdb_ro.c</c>), without Berkeley DB: the metadata page gives the page size, the last page and
/// the bucket-to-page map (<c>spares</c>); each bucket is a chain of hash pages holding key/value pairs, a value either
/// on the page (<c>H_KEYDATA</c>) or on a chain of overflow pages (<c>H_OFFPAGE</c>). Integers are in the byte order
/// of the machine that wrote the file, which the magic number shows.
/// </summary>
public static class RpmBerkeleyDatabase
{
    private const uint HashMagic = 0x00061561;
    private const int PageHeaderLength = 26;
    private const byte HashMetadataPage = 8;
    private const byte HashPage = 13;
    private const byte HashUnsortedPage = 2;
    private const byte OverflowPage = 7;
    private const byte KeyData = 1;
    private const byte OffPage = 3;
    private const int OffPageLength = 12;

    /// <summary>Whether <paramref name="bytes"/> start with a Berkeley DB hash metadata page, in either byte order.</summary>
    public static bool IsHashDatabase(ReadOnlySpan<byte> bytes) =>
        bytes.Length >= 16 && (BinaryPrimitives.ReadUInt32LittleEndian(bytes[12..]) == HashMagic || BinaryPrimitives.ReadUInt32BigEndian(bytes[12..]) == HashMagic);

    /// <summary>
    /// The value of every record but rpm's record 0 (which holds the next header number, not a header), bucket by
    /// bucket. A damaged part (a page number past the last page or the end of the file, a page that is not what its
    /// place says, a chain that loops, an entry outside its page) is reported through <paramref name="warn"/> and
    /// skipped; what is readable is still returned. Nothing is read twice, so a hostile file cannot make this loop.
    /// </summary>
    public static IReadOnlyList<byte[]> ReadBlobs(ReadOnlySpan<byte> database, Action<string> warn)
    {
        ArgumentNullException.ThrowIfNull(warn);
        if (Open(database, warn) is not { } db)
        {
            return [];
        }

        var blobs = new List<byte[]>();
        var visited = new HashSet<uint>();
        for (var bucket = 0u; bucket <= db.MaxBucket; bucket++)
        {
            for (var pageNumber = db.BucketPage(bucket); pageNumber != 0;)
            {
                if (!visited.Add(pageNumber))
                {
                    warn($"bucket {bucket} leads back to page {pageNumber}; the rest of its chain is skipped");
                    break;
                }

                var page = db.Page(database, pageNumber, warn, HashPage, HashUnsortedPage);
                if (page.IsEmpty)
                {
                    break;
                }

                ReadPairs(db, database, page, pageNumber, blobs, warn);
                pageNumber = db.U32(page[16..]);
            }
        }

        return blobs;
    }

    private static Database? Open(ReadOnlySpan<byte> database, Action<string> warn)
    {
        if (database.Length < 512 || !IsHashDatabase(database))
        {
            warn("not a Berkeley DB hash database");
            return null;
        }

        var bigEndian = BinaryPrimitives.ReadUInt32BigEndian(database[12..]) == HashMagic;
        var read = new Database(bigEndian, 0, 0, 0, []);
        var version = read.U32(database[16..]);
        var pageSize = read.U32(database[20..]);
        if (version is < 8 or > 10 || pageSize is < 512 or > 65536 || !uint.IsPow2(pageSize) || database[24] != 0 || database[25] != HashMetadataPage)
        {
            warn($"a Berkeley DB hash database this reader does not know (version {version}, page size {pageSize}, encryption {database[24]}, page type {database[25]})");
            return null;
        }

        var lastPage = read.U32(database[32..]);
        var maxBucket = read.U32(database[72..]);
        var spares = new uint[32];
        for (var i = 0; i < spares.Length; i++)
        {
            spares[i] = read.U32(database[(96 + (4 * i))..]);
        }

        var pages = database.Length / pageSize;
        if (lastPage >= pages)
        {
            warn($"the database names {lastPage + 1L} pages of {pageSize} bytes but has {database.Length} bytes (truncated?)");
        }

        if (maxBucket >= pages)
        {
            warn($"the database claims {maxBucket + 1L} buckets in {pages} pages; only as many buckets as pages are read");
            maxBucket = (uint)pages - 1;
        }

        return new Database(bigEndian, (int)pageSize, lastPage, maxBucket, spares);
    }

    private static void ReadPairs(Database db, ReadOnlySpan<byte> database, ReadOnlySpan<byte> page, uint pageNumber, List<byte[]> blobs, Action<string> warn)
    {
        int entries = db.U16(page[20..]);
        var firstItem = PageHeaderLength + (2 * entries);
        if (firstItem > db.PageSize)
        {
            warn($"page {pageNumber} claims {entries} entries, more than fit in it; skipped");
            return;
        }

        for (var index = 0; index + 1 < entries; index += 2)
        {
            int keyOffset = db.U16(page[(PageHeaderLength + (2 * index))..]);
            int valueOffset = db.U16(page[(PageHeaderLength + (2 * index) + 2)..]);
            var keyEnd = index == 0 ? db.PageSize : db.U16(page[(PageHeaderLength + (2 * index) - 2)..]);
            if (keyOffset < firstItem || valueOffset < firstItem || keyEnd > db.PageSize || valueOffset >= keyOffset || keyOffset >= keyEnd)
            {
                warn($"page {pageNumber}: entry {index / 2} lies outside its page; skipped");
                continue;
            }

            var key = Item(db, database, page.Slice(keyOffset, keyEnd - keyOffset), pageNumber, warn);
            var value = Item(db, database, page.Slice(valueOffset, keyOffset - valueOffset), pageNumber, warn);
            if (key is null || value is null || key.All(b => b == 0))
            {
                continue;
            }

            blobs.Add(value);
        }
    }

    /// <summary>A key or value: on the page after its type byte, or on its overflow chain.</summary>
    private static byte[]? Item(Database db, ReadOnlySpan<byte> database, ReadOnlySpan<byte> item, uint pageNumber, Action<string> warn)
    {
        switch (item[0])
        {
            case KeyData:
                return item[1..].ToArray();
            case OffPage when item.Length == OffPageLength:
                return Overflow(db, database, db.U32(item[4..]), db.U32(item[8..]), warn);
            default:
                warn($"page {pageNumber}: an item of type {item[0]} ({item.Length} bytes), which rpm databases do not hold; skipped");
                return null;
        }
    }

    /// <summary>The <paramref name="length"/> bytes of an overflow chain: each page's count of bytes at offset 22, the next page at 16.</summary>
    private static byte[]? Overflow(Database db, ReadOnlySpan<byte> database, uint pageNumber, uint length, Action<string> warn)
    {
        if (length == 0 || length > database.Length)
        {
            warn($"an overflow item claims {length} bytes, {(length == 0 ? "none" : "more than the database holds")}; skipped");
            return null;
        }

        var value = new byte[length];
        var filled = 0;
        var visited = new HashSet<uint>();
        while (filled < value.Length)
        {
            if (!visited.Add(pageNumber))
            {
                warn($"the overflow chain through page {pageNumber} loops; the item is skipped");
                return null;
            }

            var page = db.Page(database, pageNumber, warn, OverflowPage);
            if (page.IsEmpty)
            {
                return null;
            }

            int count = db.U16(page[22..]);
            if (PageHeaderLength + count > db.PageSize || count > value.Length - filled || count == 0)
            {
                warn($"overflow page {pageNumber} holds {count} bytes, which do not fit the page or the item; the item is skipped");
                return null;
            }

            page.Slice(PageHeaderLength, count).CopyTo(value.AsSpan(filled));
            filled += count;
            pageNumber = db.U32(page[16..]);
        }

        return value;
    }

    private sealed record Database(bool BigEndian, int PageSize, uint LastPage, uint MaxBucket, uint[] Spares)
    {
        public uint U32(ReadOnlySpan<byte> bytes) => BigEndian ? BinaryPrimitives.ReadUInt32BigEndian(bytes) : BinaryPrimitives.ReadUInt32LittleEndian(bytes);

        public ushort U16(ReadOnlySpan<byte> bytes) => BigEndian ? BinaryPrimitives.ReadUInt16BigEndian(bytes) : BinaryPrimitives.ReadUInt16LittleEndian(bytes);

        /// <summary>Berkeley DB's <c>BUCKET_TO_PAGE</c>: the bucket plus the spare pages of its doubling (its bit length).</summary>
        public uint BucketPage(uint bucket) => bucket + Spares[32 - uint.LeadingZeroCount(bucket)];

        /// <summary>
        /// Page <paramref name="number"/>, or <see langword="null"/> with a warning when it is the metadata page, past the
        /// last page or the end of the file, does not carry its own number, or is none of <paramref name="types"/>.
        /// </summary>
        public ReadOnlySpan<byte> Page(ReadOnlySpan<byte> database, uint number, Action<string> warn, params ReadOnlySpan<byte> types)
        {
            if (number == 0 || number > LastPage || (long)(number + 1L) * PageSize > database.Length)
            {
                warn($"page number {number} is not a page of the database (last page {LastPage}, {database.Length} bytes); skipped");
                return default;
            }

            var page = database.Slice((int)(number * (long)PageSize), PageSize);
            if (U32(page[8..]) != number || !types.Contains(page[25]))
            {
                warn($"page {number} is not the page expected there (it says page {U32(page[8..])}, type {page[25]}); skipped");
                return default;
            }

            return page;
        }
    }
}
