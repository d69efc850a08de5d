using System.Buffers;
using System.Text;

namespace Rampart.Catalogers.Java;

/// <summary>
/// What <see cref="JavaArchiveInspector"/> keeps of a zip file: a sequence of records, each a kind byte and the nested
/// location it concerns (empty for the file itself, <c>WEB-INF/lib/a.jar:lib/b.jar</c> within it), then, for an
/// entry, its name and bytes, and for the others a message; strings and byte runs are length-prefixed
/// (<see cref="BinaryWriter"/>'s 7-bit encoded lengths).
/// </summary>
internal static class JavaArchiveExtract
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    public enum Kind : byte
    {
        /// <summary>A manifest or pom.properties of the archive at the location.</summary>
        Entry,

        /// <summary>The archive at the location was read to its end record.</summary>
        End,

        /// <summary>A problem with the location; reading went on.</summary>
        Warning,

        /// <summary>The archive at the location is not a readable zip archive: what was kept of it does not count.</summary>
        Failed,

        /// <summary>A limit was reached at the location: reading stopped there, what was kept before counts.</summary>
        Limit,
    }

    public static string Text(ReadOnlySpan<byte> bytes) => Utf8.GetString(bytes);

    /// <summary>The records of <paramref name="extract"/>; a damaged extract ends the sequence.</summary>
    public static IEnumerable<(Kind Kind, string Location, string Text, byte[] Bytes)> Records(ReadOnlyMemory<byte> extract)
    {
        using var reader = new BinaryReader(JavaArchive.ReadOnlyStream(extract), Utf8);
        while (reader.BaseStream.Position < reader.BaseStream.Length)
        {
            (Kind, string, string, byte[])? record;
            try
            {
                var kind = (Kind)reader.ReadByte();
                var location = reader.ReadString();
                var text = kind == Kind.End ? string.Empty : reader.ReadString();
                record = (kind, location, text, kind == Kind.Entry ? reader.ReadBytes(reader.Read7BitEncodedInt()) : []);
            }
            catch (Exception e) when (e is EndOfStreamException or FormatException)
            {
                record = null;
            }

            if (record is not { } found)
            {
                yield break;
            }

            yield return found;
        }
    }

    public sealed class Writer
    {
        private readonly ArrayBufferWriter<byte> _bytes = new();

        public void Entry(string location, string name, ReadOnlySpan<byte> bytes)
        {
            Start(Kind.Entry, location, name);
            Bytes(bytes);
        }

        public void End(string location) => Start(Kind.End, location, null);

        public void Warning(string location, string message) => Start(Kind.Warning, location, message);

        public void Failed(string location, string message) => Start(Kind.Failed, location, message);

        public void Limit(string location, string message) => Start(Kind.Limit, location, message);

        public byte[] ToArray() => _bytes.WrittenSpan.ToArray();

        private void Start(Kind kind, string location, string? text)
        {
            _bytes.Write([(byte)kind]);
            Bytes(Utf8.GetBytes(location));
            if (text is not null)
            {
                Bytes(Utf8.GetBytes(text));
            }
        }

        /// <summary>A length as <see cref="BinaryWriter.Write7BitEncodedInt"/> writes it, then the bytes.</summary>
        private void Bytes(ReadOnlySpan<byte> bytes)
        {
            var length = (uint)bytes.Length;
            for (; length >= 0x80; length >>= 7)
            {
                _bytes.Write([(byte)(length | 0x80)]);
            }

            _bytes.Write([(byte)length]);
            _bytes.Write(bytes);
        }
    }
}
