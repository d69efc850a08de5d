using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using Rampart.Core.Files;

namespace Rampart.Catalogers.Java;

/// <summary>
/// Reads zip files as they stream, wherever they sit in the image, walking their local file headers (APPNOTE.TXT 4.3.7)
/// as the bytes arrive: it keeps the entries <see cref="JavaArchive"/> reads (<c>META-INF/MANIFEST.MF</c> and
/// <c>META-INF/maven/**/pom.properties</c>, each up to <see cref="JavaArchiveLimits.MaxTextBytes"/>), and reads the
/// archives nested in them (<see cref="JavaArchive.Extensions"/>) the same way, within <paramref name="limits"/>:
/// stored ones stream straight through a nested reader; deflated ones are held compressed, up to
/// <see cref="JavaArchiveLimits.MaxNestedCompressedBytes"/>, and inflated into it once their last byte has come.
/// Every other entry is skipped without being inflated. An entry whose sizes follow its data (general purpose flag
/// bit 3) ends at the data descriptor that names its own compressed length. The extract is
/// <see cref="JavaArchiveExtract"/>'s records: what was kept, and the problems met, by nested location.
/// </summary>
public sealed class JavaArchiveInspector(JavaArchiveLimits limits) : IContentInspector
{
    public const string InspectorName = "java-archive";

    public JavaArchiveInspector()
        : this(JavaArchiveLimits.Default)
    {
    }

    public string Name => InspectorName;

    public IContentInspection? Start(ReadOnlySpan<byte> head, long size) =>
        head.StartsWith(Zip.LocalHeader) ? new Inspection(limits) : null;

    private sealed class Inspection(JavaArchiveLimits limits) : IContentInspection
    {
        private readonly JavaArchiveExtract.Writer _extract = new();
        private ZipReader? _root;
        private long _inflated;
        private long _entries;
        private bool _stopped;

        private JavaArchiveLimits Limits => limits;

        public bool Feed(ReadOnlySpan<byte> chunk)
        {
            Read(chunk, last: false);
            return !_stopped && _root!.Reading;
        }

        public ReadOnlyMemory<byte>? Complete()
        {
            if (!_stopped)
            {
                Read([], last: true);
            }

            return _extract.ToArray();
        }

        private void Read(ReadOnlySpan<byte> chunk, bool last)
        {
            _root ??= new ZipReader(this, string.Empty, 0);
            try
            {
                if (last)
                {
                    _root.Finish();
                }
                else
                {
                    _root.Feed(chunk);
                }
            }
            catch (LimitReachedException e)
            {
                _extract.Limit(e.Location, e.Message);
                _stopped = true;
            }
        }

        private void CountEntry(string location)
        {
            if (++_entries > limits.MaxEntries)
            {
                throw new LimitReachedException(location, $"holds more than {limits.MaxEntries} entries, the limit for one archive with its nested archives");
            }
        }

        private void CountInflated(string location, int count)
        {
            if ((_inflated += count) > limits.MaxInflatedBytes)
            {
                throw new LimitReachedException(
                    location, $"inflates past {limits.MaxInflatedBytes} bytes, the limit for one archive with its nested archives (a zip bomb?)");
            }
        }

        /// <summary>
        /// One archive, the image's file or one nested in it, read as its bytes come: each step waits for a whole
        /// record (a signature, a header with its name and extra field, a data descriptor), or passes entry data on.
        /// </summary>
        private sealed class ZipReader(Inspection owner, string location, int depth)
        {
            private readonly ArrayBufferWriter<byte> _record = new(64);
            private State _state = State.Signature;
            private int _needed = 4;
            private long _skip;
            private long _dataSeen;
            private int _descriptorLength;
            private Entry? _entry;
            private byte[]? _carry;

            private enum State
            {
                Signature,
                LocalHeader,
                CentralHeader,
                Zip64End,
                EndRecord,
                Skip,
                Data,
                DescribedData,
                Done,
            }

            public string Location => location;

            /// <summary>False once the archive's end record was read or it proved unreadable: further bytes are ignored.</summary>
            public bool Reading => _state != State.Done;

            public void Feed(ReadOnlySpan<byte> chunk)
            {
                while (true)
                {
                    while (!chunk.IsEmpty && _state != State.Done)
                    {
                        chunk = Step(chunk);
                    }

                    if (_carry is null)
                    {
                        return;
                    }

                    chunk = _carry;
                    _carry = null;
                }
            }

            /// <summary>The archive's last byte has come: an archive that ended before its end record is not readable.</summary>
            public void Finish()
            {
                if (_state != State.Done)
                {
                    Fail("it ends before its end of central directory record (truncated?)");
                }
            }

            private ReadOnlySpan<byte> Step(ReadOnlySpan<byte> chunk)
            {
                switch (_state)
                {
                    case State.Skip:
                        var skipped = (int)Math.Min(_skip, chunk.Length);
                        _skip -= skipped;
                        if (_skip == 0)
                        {
                            Expect(State.Signature, 4);
                        }

                        return chunk[skipped..];
                    case State.Data:
                        var data = (int)Math.Min(_skip, chunk.Length);
                        _entry!.Take(chunk[..data]);
                        if ((_skip -= data) == 0)
                        {
                            EndEntry();
                        }

                        return chunk[data..];
                    case State.DescribedData:
                        Described(chunk);
                        return [];
                    default:
                        var take = Math.Min(_needed - _record.WrittenCount, chunk.Length);
                        _record.Write(chunk[..take]);
                        if (_record.WrittenCount == _needed)
                        {
                            Record(_record.WrittenSpan);
                        }

                        return chunk[take..];
                }
            }

            private void Record(ReadOnlySpan<byte> record)
            {
                switch (_state)
                {
                    case State.Signature when record.SequenceEqual(Zip.LocalHeader):
                        Continue(State.LocalHeader, Zip.LocalHeaderLength);
                        break;
                    case State.Signature when record.SequenceEqual(Zip.CentralHeader):
                        Continue(State.CentralHeader, Zip.CentralHeaderLength);
                        break;
                    case State.Signature when record.SequenceEqual(Zip.Zip64End):
                        Continue(State.Zip64End, 12);
                        break;
                    case State.Signature when record.SequenceEqual(Zip.Zip64Locator):
                        Skip(16);
                        break;
                    case State.Signature when record.SequenceEqual(Zip.EndRecord):
                        Continue(State.EndRecord, Zip.EndRecordLength);
                        break;
                    case State.Signature:
                        Fail($"no zip record where one should start ({Convert.ToHexString(record)})");
                        break;
                    case State.LocalHeader when record.Length == Zip.LocalHeaderLength:
                        _needed += BinaryPrimitives.ReadUInt16LittleEndian(record[26..]) + BinaryPrimitives.ReadUInt16LittleEndian(record[28..]);
                        if (_needed == record.Length)
                        {
                            StartEntry(record);
                        }

                        break;
                    case State.LocalHeader:
                        StartEntry(record);
                        break;
                    case State.CentralHeader:
                        Skip(BinaryPrimitives.ReadUInt16LittleEndian(record[28..]) + (long)BinaryPrimitives.ReadUInt16LittleEndian(record[30..])
                            + BinaryPrimitives.ReadUInt16LittleEndian(record[32..]));
                        break;
                    case State.Zip64End:
                        Skip((long)Math.Min(BinaryPrimitives.ReadUInt64LittleEndian(record[4..]), long.MaxValue));
                        break;
                    case State.EndRecord:
                        owner._extract.End(location);
                        _state = State.Done;
                        break;
                }
            }

            private void StartEntry(ReadOnlySpan<byte> header)
            {
                owner.CountEntry(location);
                var flags = BinaryPrimitives.ReadUInt16LittleEndian(header[6..]);
                var method = BinaryPrimitives.ReadUInt16LittleEndian(header[8..]);
                var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(header[26..]);
                var name = JavaArchiveExtract.Text(header.Slice(Zip.LocalHeaderLength, nameLength));
                var extra = header[(Zip.LocalHeaderLength + nameLength)..];
                long compressed = BinaryPrimitives.ReadUInt32LittleEndian(header[18..]);
                var zip64 = Zip.Zip64Sizes(extra);
                if (zip64 is { } sizes && compressed == uint.MaxValue)
                {
                    compressed = sizes.Compressed;
                }

                _entry = Open(name, method);
                if ((flags & Zip.DataDescriptorFlag) == 0)
                {
                    _skip = compressed;
                    _state = State.Data;
                    _record.Clear();
                    if (_skip == 0)
                    {
                        EndEntry();
                    }

                    return;
                }

                _descriptorLength = zip64 is not null ? Zip.Zip64DescriptorLength : Zip.DescriptorLength;
                _dataSeen = 0;
                _record.Clear();
                _state = State.DescribedData;
            }

            /// <summary>
            /// Data whose length only its data descriptor gives: it ends where a descriptor with its signature names
            /// the bytes before it as the compressed size. The last bytes are held back until they cannot start one.
            /// </summary>
            private void Described(ReadOnlySpan<byte> chunk)
            {
                _record.Write(chunk);
                var span = _record.WrittenSpan;
                var safe = Math.Max(0, span.Length - (Zip.DataDescriptor.Length - 1));
                for (var from = 0; from < span.Length;)
                {
                    var hit = span[from..].IndexOf(Zip.DataDescriptor);
                    if (hit < 0)
                    {
                        break;
                    }

                    var at = from + hit;
                    if (at + _descriptorLength > span.Length)
                    {
                        safe = at;
                        break;
                    }

                    var size = _descriptorLength == Zip.Zip64DescriptorLength
                        ? (long)Math.Min(BinaryPrimitives.ReadUInt64LittleEndian(span[(at + 8)..]), long.MaxValue)
                        : BinaryPrimitives.ReadUInt32LittleEndian(span[(at + 8)..]);
                    if (size == _dataSeen + at)
                    {
                        _entry!.Take(span[..at]);
                        _carry = span[(at + _descriptorLength)..].ToArray();
                        _record.Clear();
                        EndEntry();
                        return;
                    }

                    from = at + 1;
                }

                _entry!.Take(span[..safe]);
                _dataSeen += safe;
                var rest = span[safe..].ToArray();
                _record.Clear();
                _record.Write(rest);
            }

            private Entry Open(string name, int method)
            {
                var where = Nested(name);
                var wanted = name.Equals(JavaArchive.ManifestPath, StringComparison.OrdinalIgnoreCase) || JavaArchive.IsPomProperties(name);
                var archive = !wanted && JavaArchive.IsArchive(name);
                if (!wanted && !archive)
                {
                    return Entry.Skipped;
                }

                if (method is not (Zip.Stored or Zip.Deflated))
                {
                    owner._extract.Warning(where, $"compressed with method {method}, which is not read; skipped");
                    return Entry.Skipped;
                }

                if (archive && depth + 1 > owner.Limits.MaxDepth)
                {
                    owner._extract.Warning(where, $"nested more than {owner.Limits.MaxDepth} archives deep, not read");
                    return Entry.Skipped;
                }

                return wanted
                    ? new TextEntry(owner, location, name, where, method == Zip.Deflated)
                    : new ArchiveEntry(owner, new ZipReader(owner, where, depth + 1), method == Zip.Deflated);
            }

            private void EndEntry()
            {
                var entry = _entry!;
                _entry = null;
                Expect(State.Signature, 4);
                entry.End();
            }

            private string Nested(string name) => location.Length == 0 ? name : $"{location}:{name}";

            private void Expect(State state, int length)
            {
                _state = state;
                _needed = length;
                _record.Clear();
            }

            /// <summary>The record whose signature was read goes on to <paramref name="length"/> bytes, the signature included.</summary>
            private void Continue(State state, int length)
            {
                _state = state;
                _needed = length;
            }

            private void Skip(long count)
            {
                _skip = count;
                _record.Clear();
                if (count == 0)
                {
                    Expect(State.Signature, 4);
                }
                else
                {
                    _state = State.Skip;
                }
            }

            private void Fail(string problem)
            {
                owner._extract.Failed(location, $"not a readable zip archive ({problem}), skipped");
                _state = State.Done;
                _entry = null;
            }
        }

        /// <summary>Where the data of one entry goes.</summary>
        private abstract class Entry
        {
            public static Entry Skipped { get; } = new Ignored();

            public abstract void Take(ReadOnlySpan<byte> data);

            public abstract void End();

            private sealed class Ignored : Entry
            {
                public override void Take(ReadOnlySpan<byte> data)
                {
                }

                public override void End()
                {
                }
            }
        }

        /// <summary>A manifest or pom.properties, kept whole when it inflates to at most <see cref="JavaArchiveLimits.MaxTextBytes"/>.</summary>
        private sealed class TextEntry(Inspection owner, string location, string name, string where, bool deflated) : Entry
        {
            private readonly ArrayBufferWriter<byte> _bytes = new();
            private bool _tooLarge;

            public override void Take(ReadOnlySpan<byte> data)
            {
                if (!_tooLarge && (_tooLarge = _bytes.WrittenCount + data.Length > owner.Limits.MaxTextBytes))
                {
                    TooLarge();
                }
                else if (!_tooLarge)
                {
                    _bytes.Write(data);
                }
            }

            public override void End()
            {
                if (_tooLarge)
                {
                    return;
                }

                if (!deflated)
                {
                    owner._extract.Entry(location, name, _bytes.WrittenSpan);
                    return;
                }

                var text = new ArrayBufferWriter<byte>();
                if (owner.Inflate(where, _bytes.WrittenMemory, chunk =>
                    {
                        if (text.WrittenCount + chunk.Length > owner.Limits.MaxTextBytes)
                        {
                            TooLarge();
                            return false;
                        }

                        text.Write(chunk);
                        return true;
                    }))
                {
                    owner._extract.Entry(location, name, text.WrittenSpan);
                }
            }

            private void TooLarge() => owner._extract.Warning(where, $"larger than {owner.Limits.MaxTextBytes} bytes inflated, skipped");
        }

        /// <summary>A nested archive: stored, its bytes go straight to its reader; deflated, they are inflated into it at the end.</summary>
        private sealed class ArchiveEntry(Inspection owner, ZipReader reader, bool deflated) : Entry
        {
            private readonly ArrayBufferWriter<byte>? _compressed = deflated ? new() : null;
            private bool _tooLarge;

            public override void Take(ReadOnlySpan<byte> data)
            {
                if (_compressed is null)
                {
                    reader.Feed(data);
                }
                else if (!_tooLarge && (_tooLarge = _compressed.WrittenCount + data.Length > owner.Limits.MaxNestedCompressedBytes))
                {
                    owner._extract.Warning(reader.Location, $"larger than {owner.Limits.MaxNestedCompressedBytes} bytes compressed, the limit for a deflated nested archive; not read");
                }
                else if (!_tooLarge)
                {
                    _compressed.Write(data);
                }
            }

            public override void End()
            {
                if (_compressed is null)
                {
                    reader.Finish();
                }
                else if (!_tooLarge && owner.Inflate(reader.Location, _compressed.WrittenMemory, chunk =>
                    {
                        reader.Feed(chunk);
                        return reader.Reading;
                    }))
                {
                    reader.Finish();
                }
            }
        }

        /// <summary>
        /// Inflates <paramref name="compressed"/> into <paramref name="output"/>, chunk by chunk, within the inflation
        /// limit; false, with a warning, when it is corrupt or the output stops taking it.
        /// </summary>
        private bool Inflate(string where, ReadOnlyMemory<byte> compressed, Func<ReadOnlySpan<byte>, bool> output)
        {
            var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
            try
            {
                using var inflater = new DeflateStream(JavaArchive.ReadOnlyStream(compressed), CompressionMode.Decompress);
                int read;
                while ((read = inflater.Read(buffer)) > 0)
                {
                    CountInflated(where, read);
                    if (!output(buffer.AsSpan(0, read)))
                    {
                        return false;
                    }
                }

                return true;
            }
            catch (InvalidDataException e)
            {
                _extract.Warning(where, $"corrupt entry ({e.Message}), skipped");
                return false;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    private sealed class LimitReachedException(string location, string message) : Exception(message)
    {
        public string Location { get; } = location;
    }
}
