using System.Security.Cryptography;
using System.Text;
using Rampart.Core.Files;
using Rampart.Core.Images;
using Rampart.Images.Config;

namespace Rampart.Images.RootFs;

/// <summary>
/// Reads a root filesystem on the host as one layer: walks it without following symlinks, records header facts from
/// statx and file capabilities from lgetxattr, keeps selected bytes, and never descends into <c>/proc</c>, <c>/sys</c>
/// or <c>/dev</c>.
/// </summary>
internal sealed class RootFsReader
{
    private static readonly HashSet<string> Pseudo = new(StringComparer.Ordinal) { "/proc", "/sys", "/dev" };

    private readonly ImageReadSession _session;
    private readonly string _root;
    private readonly LayerContents _layer = new(0);
    private readonly Dictionary<(ulong Device, ulong Inode), string> _seen = [];
    private long _retained;
    private long _entries;

    private RootFsReader(ImageReadSession session, string root)
    {
        _session = session;
        _root = root;
    }

    public static async Task<ImageSnapshot> ReadAsync(string root, ImageReadSession session, CancellationToken cancellationToken)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw session.Error("reading a root filesystem needs Linux (owners and modes come from statx)");
        }

        if (!Directory.Exists(root))
        {
            throw session.Error($"{root} is not a directory");
        }

        var reader = new RootFsReader(session, Path.GetFullPath(root).TrimEnd('/'));
        try
        {
            await reader.WalkAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (ImageReadSession.IsReadFault(e))
        {
            throw session.Error($"cannot read the root filesystem: {e.Message}", e);
        }

        return reader.Snapshot();
    }

    private async Task WalkAsync(CancellationToken cancellationToken)
    {
        var pending = new Stack<string>();
        pending.Push("/");
        var options = new EnumerationOptions { RecurseSubdirectories = false, AttributesToSkip = 0, IgnoreInaccessible = false };
        while (pending.TryPop(out var directory))
        {
            cancellationToken.ThrowIfCancellationRequested();
            IEnumerable<string> children;
            try
            {
                children = Directory.EnumerateFileSystemEntries(_root + directory, "*", options).Order(StringComparer.Ordinal).ToList();
            }
            catch (UnauthorizedAccessException e)
            {
                _session.Warn($"cannot list {directory}: {e.Message}");
                continue;
            }

            foreach (var host in children)
            {
                var path = ImagePath.Combine(directory, Path.GetFileName(host));
                if (await AddAsync(host, path, cancellationToken).ConfigureAwait(false) && !Pseudo.Contains(path))
                {
                    pending.Push(path);
                }
            }
        }
    }

    /// <summary>Records one path; true when it is a real directory to descend into.</summary>
    private async Task<bool> AddAsync(string host, string path, CancellationToken cancellationToken)
    {
        var limits = _session.Options.Limits;
        if (path.Length > limits.MaxPathLength)
        {
            throw _session.Error($"{path[..Math.Min(64, path.Length)]}... is {path.Length} characters long, over the limit of {limits.MaxPathLength}");
        }

        if (++_entries > limits.MaxEntries)
        {
            throw _session.Error($"the root filesystem has more than {limits.MaxEntries} entries (limit MaxEntries)");
        }

        var status = UnixFileStatus.Get(host);
        if (status.Kind is not { } kind)
        {
            return false;
        }

        if (kind == FileKind.Symlink)
        {
            _layer.Add(new FileEntry(path, kind, status.Mode, status.Uid, status.Gid, 0, new FileInfo(host).LinkTarget, 0));
            return false;
        }

        if (kind == FileKind.Regular && status.Links > 1)
        {
            if (_seen.TryGetValue((status.Device, status.Inode), out var first))
            {
                _layer.Add(
                    new FileEntry(path, FileKind.HardLink, status.Mode, status.Uid, status.Gid, status.Size, first, 0) { Capabilities = _layer.Entries[first].Capabilities },
                    _layer.Contents.TryGetValue(first, out var shared) && _session.Selection.WantsContent(path, status.Size) ? shared : null,
                    _layer.ExtractsOf(first));
                return false;
            }

            _seen[(status.Device, status.Inode)] = path;
        }

        var size = kind == FileKind.Regular ? status.Size : 0;
        ReadOnlyMemory<byte>? content = null;
        IReadOnlyDictionary<string, ReadOnlyMemory<byte>>? extracts = null;
        var selection = _session.Selection;
        if (kind == FileKind.Regular && selection.WantsContent(path, size))
        {
            content = await ReadContentAsync(host, path, size, cancellationToken).ConfigureAwait(false);
            extracts = content is { } bytes ? ContentInspection.Inspect(selection.Inspectors, bytes.Span) : null;
        }
        else if (kind == FileKind.Regular && selection.Inspectors.Count > 0 && size > 0)
        {
            extracts = await InspectAsync(host, path, size, cancellationToken).ConfigureAwait(false);
        }

        if (extracts is not null)
        {
            Retain(path, extracts.Values.Sum(e => (long)e.Length));
        }

        _layer.Add(new FileEntry(path, kind, status.Mode, status.Uid, status.Gid, size, null, 0) { Capabilities = CapabilitiesOf(host, path, kind) }, content, extracts);
        return kind == FileKind.Directory;
    }

    /// <summary>What the <c>security.capability</c> attribute of a regular file grants, as the layer reader reads it from a tar.</summary>
    private FileCapabilities? CapabilitiesOf(string host, string path, FileKind kind) =>
        kind == FileKind.Regular && ExtendedAttribute.Get(host, FileCapabilities.AttributeName) is { } value
            ? _session.DecodeCapabilities(value, path)
            : null;

    private void Retain(string path, long bytes)
    {
        if ((_retained += bytes) > _session.Options.Limits.MaxRetainedBytes)
        {
            throw _session.Error($"keeping {path} would exceed {_session.Options.Limits.MaxRetainedBytes} bytes of selected content (limit MaxRetainedBytes)");
        }
    }

    private async Task<ReadOnlyMemory<byte>?> ReadContentAsync(string host, string path, long size, CancellationToken cancellationToken)
    {
        Retain(path, size);
        try
        {
            var bytes = await File.ReadAllBytesAsync(host, cancellationToken).ConfigureAwait(false);
            return bytes.Length == size ? bytes : bytes.AsMemory(0, (int)Math.Min(size, bytes.Length));
        }
        catch (UnauthorizedAccessException e)
        {
            _session.Warn($"cannot read {path}: {e.Message}");
            return null;
        }
    }

    /// <summary>Streams a file the globs do not keep through the selection's inspectors.</summary>
    private async Task<IReadOnlyDictionary<string, ReadOnlyMemory<byte>>?> InspectAsync(string host, string path, long size, CancellationToken cancellationToken)
    {
        try
        {
            var stream = new FileStream(host, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0, FileOptions.SequentialScan);
            await using (stream.ConfigureAwait(false))
            {
                return await ContentInspection.InspectAsync(_session.Selection.Inspectors, stream, size, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (UnauthorizedAccessException e)
        {
            _session.Warn($"cannot read {path}: {e.Message}");
            return null;
        }
    }

    /// <summary>The snapshot; with no config or tar, the image id and diffID are a digest of the recorded headers.</summary>
    private ImageSnapshot Snapshot()
    {
        var headers = new StringBuilder();
        foreach (var entry in _layer.Entries.Values.OrderBy(e => e.Path, StringComparer.Ordinal))
        {
            headers.Append(entry.Path).Append('\0').Append(entry.Kind).Append('\0').Append((int)entry.Mode).Append('\0')
                .Append(entry.Uid).Append('\0').Append(entry.Gid).Append('\0').Append(entry.Size).Append('\0').Append(entry.LinkTarget).Append('\0').Append(entry.Capabilities).Append('\n');
        }

        var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(headers.ToString())));
        var config = new ParsedImageConfig(digest, new ImageConfig(), _session.Options.Platform, null, [digest], [new HistoryEntry($"dir:{_root}", null, null, false, 0)]);
        return new ImageSnapshot(config.Describe(_session.Reference, null, [new LayerInfo(0, digest, null, null, null)], []), [_layer]);
    }
}
