using System.Text;

namespace Rampart.Catalogers.Go;

/// <summary>A Go module as the build information records it; <see cref="Replacement"/> is what the build used instead.</summary>
public sealed record GoModule(string Path, string Version, string? Sum, GoModule? Replacement = null);

/// <summary>
/// The build information the Go linker embeds in every module-aware binary (Go's <c>debug/buildinfo</c>): the
/// toolchain version, the main package and module, the module dependencies and the build settings.
/// </summary>
/// <param name="GoVersion">The toolchain: <c>go1.22.1</c>, possibly followed by experiments (<c>go1.22.1 X:boringcrypto</c>).</param>
/// <param name="Path">The main package's import path.</param>
/// <param name="Main">The main module; absent from binaries built outside module mode.</param>
/// <param name="Dependencies">Every module linked in, in the order recorded.</param>
/// <param name="Settings">Build settings (<c>-ldflags</c>, <c>CGO_ENABLED</c>, <c>GOARCH</c>, <c>vcs.revision</c>, …) in the order recorded.</param>
public sealed record GoBuildInfo(
    string GoVersion,
    string? Path,
    GoModule? Main,
    IReadOnlyList<GoModule> Dependencies,
    IReadOnlyList<KeyValuePair<string, string>> Settings)
{
    /// <summary>Bytes of the blob header: 14 bytes of magic, pointer size, flags, and 16 bytes of pointers or padding.</summary>
    public const int HeaderLength = 32;

    /// <summary>A blob longer than this is not read; real ones are a few kilobytes, tens for the largest programs.</summary>
    public const int MaxLength = 1024 * 1024;

    /// <summary>What <see cref="Measure"/> says of a blob it cannot read.</summary>
    public const int Invalid = -1;

    /// <summary>What <see cref="Measure"/> says of a blob whose end it has not seen yet.</summary>
    public const int Incomplete = 0;

    /// <summary>File offsets the blob may start at are multiples of this.</summary>
    public const int Alignment = 16;

    private const byte InlineStringsFlag = 0x2;

    // cmd/go frames the module text between these 16 bytes (runtime/debug's infoStart and infoEnd).
    private const int SentinelLength = 16;

    /// <summary>The blob starts with <c>"\xff Go buildinf:"</c>, 16-byte aligned in the binary's data.</summary>
    public static ReadOnlySpan<byte> Magic => [0xFF, 0x20, 0x47, 0x6F, 0x20, 0x62, 0x75, 0x69, 0x6C, 0x64, 0x69, 0x6E, 0x66, 0x3A];

    /// <summary>
    /// The length of the blob at the start of <paramref name="blob"/> once both strings are in it (the header alone for
    /// the pointer format of Go before 1.18), <see cref="Incomplete"/> while bytes are missing, and
    /// <see cref="Invalid"/> when the header is not a build information header or a string is longer than <see cref="MaxLength"/>.
    /// </summary>
    public static int Measure(ReadOnlySpan<byte> blob)
    {
        if (blob.Length < HeaderLength)
        {
            return blob.StartsWith(Magic[..Math.Min(blob.Length, Magic.Length)]) ? Incomplete : Invalid;
        }

        if (!blob.StartsWith(Magic) || blob[Magic.Length] is not (4 or 8))
        {
            return Invalid;
        }

        if ((blob[Magic.Length + 1] & InlineStringsFlag) == 0)
        {
            return HeaderLength;
        }

        var offset = HeaderLength;
        for (var i = 0; i < 2; i++)
        {
            var (length, width) = Uvarint(blob[offset..]);
            if (width < 0 || length > MaxLength)
            {
                return Invalid;
            }

            if (width == 0 || offset + width + (long)length > blob.Length)
            {
                return offset + width + (long)length > MaxLength ? Invalid : Incomplete;
            }

            offset += width + (int)length;
        }

        return offset;
    }

    /// <summary>
    /// Reads a blob starting with <see cref="Magic"/>. Returns <see langword="null"/> with a warning when it is in the
    /// pointer format of Go before 1.18 (its strings sit elsewhere in the binary), truncated, or unreadable; a line of
    /// the module text that does not parse is skipped with a warning.
    /// </summary>
    public static GoBuildInfo? Parse(ReadOnlySpan<byte> blob, Action<string> warn)
    {
        ArgumentNullException.ThrowIfNull(warn);
        switch (Measure(blob))
        {
            case Invalid:
                warn("not a readable Go build information blob");
                return null;
            case Incomplete:
                warn("the Go build information is truncated");
                return null;
            case HeaderLength:
                warn("built by Go before 1.18, whose build information is not read (pointer format)");
                return null;
        }

        var (versionLength, versionWidth) = Uvarint(blob[HeaderLength..]);
        var version = Encoding.UTF8.GetString(blob.Slice(HeaderLength + versionWidth, (int)versionLength));
        var rest = blob[(HeaderLength + versionWidth + (int)versionLength)..];
        var (modLength, modWidth) = Uvarint(rest);
        var mod = rest.Slice(modWidth, (int)modLength);

        // As runtime/debug does: without both sentinels (a binary built outside module mode) there is no module text.
        var text = mod.Length >= (2 * SentinelLength) + 1 && mod[^(SentinelLength + 1)] == '\n'
            ? Encoding.UTF8.GetString(mod[SentinelLength..^SentinelLength])
            : string.Empty;
        return ParseModules(version, text, warn);
    }

    private static GoBuildInfo ParseModules(string goVersion, string text, Action<string> warn)
    {
        string? path = null;
        GoModule? main = null;
        var dependencies = new List<GoModule>();
        var settings = new List<KeyValuePair<string, string>>();
        var lineNumber = 0;
        foreach (var line in text.Split('\n'))
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            var (word, value) = tab < 0 ? (line, string.Empty) : (line[..tab], line[(tab + 1)..]);
            switch (word)
            {
                case "go":
                    goVersion = goVersion.Length == 0 ? value : goVersion;
                    break;
                case "path":
                    path = value;
                    break;
                case "mod" when Module(value) is { } module:
                    main = module;
                    break;
                case "dep" when Module(value) is { } module:
                    dependencies.Add(module);
                    break;
                case "=>" when Module(value) is { } replacement && (dependencies.Count > 0 || main is not null):
                    if (dependencies.Count > 0)
                    {
                        dependencies[^1] = dependencies[^1] with { Replacement = replacement };
                    }
                    else
                    {
                        main = main! with { Replacement = replacement };
                    }

                    break;
                case "build" when Setting(value) is { } setting:
                    settings.Add(setting);
                    break;
                default:
                    warn($"build information line {lineNumber}: '{Shorten(line)}' is not a module, replacement or build setting line, skipped");
                    break;
            }
        }

        return new GoBuildInfo(goVersion, path, main, dependencies, settings);
    }

    /// <summary><c>path\tversion[\tsum]</c>; <see langword="null"/> for another number of columns or an empty path.</summary>
    private static GoModule? Module(string columns)
    {
        var parts = columns.Split('\t');
        return parts.Length is 2 or 3 && parts[0].Length > 0
            ? new GoModule(parts[0], parts[1], parts.Length == 3 && parts[2].Length > 0 ? parts[2] : null)
            : null;
    }

    /// <summary><c>key=value</c>, either side Go-quoted when it holds spaces, tabs, quotes or (for the key) <c>=</c>.</summary>
    private static KeyValuePair<string, string>? Setting(string text)
    {
        string key;
        string rest;
        if (text.StartsWith('"'))
        {
            if (GoQuoted.Unquote(text, out var quotedKey, out var consumed) is false)
            {
                return null;
            }

            key = quotedKey;
            rest = text[consumed..];
            if (!rest.StartsWith('='))
            {
                return null;
            }

            rest = rest[1..];
        }
        else
        {
            var equals = text.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                return null;
            }

            (key, rest) = (text[..equals], text[(equals + 1)..]);
        }

        if (!rest.StartsWith('"'))
        {
            return new(key, rest);
        }

        return GoQuoted.Unquote(rest, out var value, out var used) && used == rest.Length ? new(key, value) : null;
    }

    /// <summary>Go's unsigned varint (encoding/binary.Uvarint): the value and its width, width 0 when cut short, negative when over 64 bits.</summary>
    private static (ulong Value, int Width) Uvarint(ReadOnlySpan<byte> bytes)
    {
        ulong value = 0;
        for (var i = 0; i < bytes.Length && i < 10; i++)
        {
            var b = bytes[i];
            if (i == 9 && b > 1)
            {
                return (0UL, -1);
            }

            value |= (ulong)(b & 0x7F) << (7 * i);
            if (b < 0x80)
            {
                return (value, i + 1);
            }
        }

        return bytes.Length >= 10 ? (0UL, -1) : (0UL, 0);
    }

    private static string Shorten(string line) => line.Length <= 80 ? line : line[..80] + "...";
}
