using System.Buffers.Binary;
using System.Text;

namespace Rampart.Catalogers.Tests.Support;

/// <summary>Writes rpm header blobs (index entries, then the data store) for parser tests.</summary>
internal sealed class RpmHeaderBlob
{
    private readonly List<(int Tag, int Type, int Offset, int Count)> _entries = [];
    private readonly List<byte> _data = [];

    public RpmHeaderBlob Text(int tag, string value) => Add(tag, 6, 1, Encoding.UTF8.GetBytes(value + "\0"), 1);

    public RpmHeaderBlob Texts(int tag, params string[] values) =>
        Add(tag, 8, values.Length, Encoding.UTF8.GetBytes(string.Concat(values.Select(v => v + "\0"))), 1);

    public RpmHeaderBlob I18N(int tag, params string[] values) =>
        Add(tag, 9, values.Length, Encoding.UTF8.GetBytes(string.Concat(values.Select(v => v + "\0"))), 1);

    public RpmHeaderBlob Numbers(int tag, params int[] values)
    {
        var bytes = new byte[values.Length * 4];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(i * 4), values[i]);
        }

        return Add(tag, 4, values.Length, bytes, 4);
    }

    /// <summary>An index entry with arbitrary fields and no data, for malformed headers.</summary>
    public RpmHeaderBlob Raw(int tag, int type, int offset, int count)
    {
        _entries.Add((tag, type, offset, count));
        return this;
    }

    public byte[] ToArray()
    {
        var blob = new byte[8 + (_entries.Count * 16) + _data.Count];
        BinaryPrimitives.WriteInt32BigEndian(blob, _entries.Count);
        BinaryPrimitives.WriteInt32BigEndian(blob.AsSpan(4), _data.Count);
        for (var i = 0; i < _entries.Count; i++)
        {
            var span = blob.AsSpan(8 + (i * 16));
            BinaryPrimitives.WriteInt32BigEndian(span, _entries[i].Tag);
            BinaryPrimitives.WriteInt32BigEndian(span[4..], _entries[i].Type);
            BinaryPrimitives.WriteInt32BigEndian(span[8..], _entries[i].Offset);
            BinaryPrimitives.WriteInt32BigEndian(span[12..], _entries[i].Count);
        }

        _data.CopyTo(blob, 8 + (_entries.Count * 16));
        return blob;
    }

    private RpmHeaderBlob Add(int tag, int type, int count, byte[] bytes, int alignment)
    {
        while (_data.Count % alignment != 0)
        {
            _data.Add(0);
        }

        _entries.Add((tag, type, _data.Count, count));
        _data.AddRange(bytes);
        return this;
    }
}
