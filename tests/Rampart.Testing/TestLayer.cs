using System.Formats.Tar;

namespace Rampart.Testing;

/// <summary>
/// One layer of a <see cref="TestImageBuilder"/> image, described entry by entry in the order the tar will hold them.
/// Paths are written as Docker writes them (<c>etc/passwd</c>, directories with a trailing slash); <see cref="Raw"/>
/// writes a name exactly as given, for hostile entries.
/// </summary>
public sealed class TestLayer
{
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    public const UnixFileMode DirectoryMode = FileMode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    private static readonly DateTimeOffset Timestamp = new(2024, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private readonly List<Func<TarEntry>> _entries = [];

    /// <summary>How the blob is stored; the image's default unless set.</summary>
    public TestCompression? Compression { get; private set; }

    /// <summary>The OCI media type to write instead of the one matching the compression.</summary>
    public string? MediaTypeOverride { get; private set; }

    /// <summary>The history text of the step that made this layer.</summary>
    public string CreatedBy { get; private set; } = "COPY . /";

    public TestLayer File(string path, string content, UnixFileMode mode = FileMode, int uid = 0, int gid = 0) =>
        File(path, System.Text.Encoding.UTF8.GetBytes(content), mode, uid, gid);

    public TestLayer File(string path, byte[] content, UnixFileMode mode = FileMode, int uid = 0, int gid = 0) =>
        Add(() => Entry(TarEntryType.RegularFile, Relative(path), mode, uid, gid, new MemoryStream(content, writable: false)));

    /// <summary>A file of <paramref name="size"/> zero bytes, produced while writing and never held in memory.</summary>
    public TestLayer ZeroFile(string path, long size) =>
        Add(() => Entry(TarEntryType.RegularFile, Relative(path), FileMode, 0, 0, new ZeroStream(size)));

    public TestLayer Directory(string path, UnixFileMode mode = DirectoryMode, int uid = 0, int gid = 0) =>
        Add(() => Entry(TarEntryType.Directory, Relative(path).TrimEnd('/') + "/", mode, uid, gid));

    public TestLayer Symlink(string path, string target) =>
        Add(() => Link(TarEntryType.SymbolicLink, Relative(path), target));

    /// <summary>A hard link to <paramref name="target"/>, an earlier entry of this layer (written relative, as tar does).</summary>
    public TestLayer HardLink(string path, string target) =>
        Add(() => Link(TarEntryType.HardLink, Relative(path), Relative(target)));

    /// <summary>A file whose PAX header also carries <paramref name="records"/>, values written as UTF-8 as TarWriter does.</summary>
    public TestLayer FileWithPaxRecords(string path, string content, IReadOnlyDictionary<string, string> records) =>
        Add(() => new PaxTarEntry(TarEntryType.RegularFile, Relative(path), records)
        {
            Mode = FileMode,
            ModificationTime = Timestamp,
            DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(content), writable: false),
        });

    public TestLayer CharacterDevice(string path, int major, int minor) => Add(() => Device(TarEntryType.CharacterDevice, path, major, minor));

    public TestLayer BlockDevice(string path, int major, int minor) => Add(() => Device(TarEntryType.BlockDevice, path, major, minor));

    public TestLayer Fifo(string path) => Add(() => Entry(TarEntryType.Fifo, Relative(path), FileMode, 0, 0));

    /// <summary>Deletes <paramref name="path"/> of lower layers: writes <c>dir/.wh.name</c>.</summary>
    public TestLayer Whiteout(string path)
    {
        var relative = Relative(path);
        var slash = relative.LastIndexOf('/');
        return Add(() => Entry(TarEntryType.RegularFile, relative[..(slash + 1)] + ".wh." + relative[(slash + 1)..], FileMode, 0, 0));
    }

    /// <summary>Hides what lower layers put in <paramref name="path"/>: writes <c>path/.wh..wh..opq</c>.</summary>
    public TestLayer OpaqueDirectory(string path) =>
        Add(() => Entry(TarEntryType.RegularFile, Relative(path).TrimEnd('/') + "/.wh..wh..opq", FileMode, 0, 0));

    /// <summary>An entry written exactly as given: <c>../../etc/passwd</c>, <c>/abs</c>, absurdly long names.</summary>
    public TestLayer Raw(TarEntryType type, string name, byte[]? content = null, string? linkName = null, UnixFileMode mode = FileMode) =>
        Add(() =>
        {
            var entry = Entry(type, name, mode, 0, 0, content is null ? null : new MemoryStream(content, writable: false));
            if (linkName is not null)
            {
                entry.LinkName = linkName;
            }

            return entry;
        });

    public TestLayer Compressed(TestCompression compression)
    {
        Compression = compression;
        return this;
    }

    public TestLayer MediaType(string mediaType)
    {
        MediaTypeOverride = mediaType;
        return this;
    }

    public TestLayer History(string createdBy)
    {
        CreatedBy = createdBy;
        return this;
    }

    /// <summary>The uncompressed tar.</summary>
    public byte[] ToTar()
    {
        using var output = new MemoryStream();
        WriteTar(output);
        return output.ToArray();
    }

    /// <summary>Writes the uncompressed tar to <paramref name="output"/>, which is left open.</summary>
    public void WriteTar(Stream output)
    {
        using var writer = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true);
        foreach (var make in _entries)
        {
            var entry = make();
            writer.WriteEntry(entry);
            entry.DataStream?.Dispose();
        }
    }

    /// <summary>Writes the tar compressed with <paramref name="compression"/> to <paramref name="output"/>, which is left open.</summary>
    public void WriteBlob(Stream output, TestCompression compression)
    {
        using var compressed = TestCompressions.Compress(output, compression);
        WriteTar(compressed);
    }

    private TestLayer Add(Func<TarEntry> entry)
    {
        _entries.Add(entry);
        return this;
    }

    private static string Relative(string path) => path.TrimStart('/');

    private static PaxTarEntry Entry(TarEntryType type, string name, UnixFileMode mode, int uid, int gid, Stream? data = null)
    {
        var entry = new PaxTarEntry(type, name) { Mode = mode, Uid = uid, Gid = gid, ModificationTime = Timestamp };
        if (data is not null)
        {
            entry.DataStream = data;
        }

        return entry;
    }

    private static PaxTarEntry Link(TarEntryType type, string name, string target)
    {
        var entry = Entry(type, name, DirectoryMode, 0, 0);
        entry.LinkName = target;
        return entry;
    }

    private static PaxTarEntry Device(TarEntryType type, string path, int major, int minor)
    {
        var entry = Entry(type, Relative(path), FileMode, 0, 0);
        entry.DeviceMajor = major;
        entry.DeviceMinor = minor;
        return entry;
    }

    private sealed class ZeroStream(long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position
        {
            get => _position;
            set => _position = value;
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = (int)Math.Min(count, length - _position);
            Array.Clear(buffer, offset, read);
            _position += read;
            return read;
        }

        public override long Seek(long offset, SeekOrigin origin) => _position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            _ => length + offset,
        };

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
