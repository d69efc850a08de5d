using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Rampart.Core.Images;

namespace Rampart.Testing;

/// <summary>
/// Describes an image in code — layers entry by entry, the runtime config, history — and builds a
/// <see cref="TestImage"/> with real diffIDs and digests, ready to write as a docker-archive or an OCI layout.
/// <code>
/// var image = new TestImageBuilder()
///     .Layer(l => l.File("/etc/os-release", "ID=debian\n").Symlink("/lib", "usr/lib"))
///     .Layer(l => l.Whiteout("/etc/os-release"), TestCompression.Zstd)
///     .User("app").Label("org.opencontainers.image.vendor", "Example")
///     .Build();
/// image.WriteDockerArchive(stream);
/// </code>
/// </summary>
public sealed class TestImageBuilder
{
    public const string OciManifestMediaType = "application/vnd.oci.image.manifest.v1+json";
    public const string OciConfigMediaType = "application/vnd.oci.image.config.v1+json";

    private readonly List<(TestLayer? Layer, string CreatedBy)> _steps = [];
    private readonly List<string> _env = [];
    private readonly List<string> _ports = [];
    private readonly List<string> _volumes = [];
    private readonly List<string> _repoTags = [];
    private readonly Dictionary<string, string> _labels = new(StringComparer.Ordinal);
    private readonly Dictionary<int, string> _diffIdOverrides = [];
    private TestCompression _compression = TestCompression.Gzip;
    private Platform _platform = Rampart.Core.Images.Platform.LinuxAmd64;
    private DateTimeOffset _created = new(2024, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private string? _user;
    private string[]? _entrypoint;
    private string[]? _cmd;
    private string[]? _shell;
    private string? _workingDir;
    private string? _stopSignal;
    private JsonObject? _healthcheck;
    private string _manifestMediaType = OciManifestMediaType;

    /// <summary>Adds a layer and the history step that made it.</summary>
    public TestImageBuilder Layer(Action<TestLayer> describe, TestCompression? compression = null)
    {
        ArgumentNullException.ThrowIfNull(describe);
        var layer = new TestLayer();
        if (compression is { } c)
        {
            layer.Compressed(c);
        }

        describe(layer);
        _steps.Add((layer, layer.CreatedBy));
        return this;
    }

    /// <summary>Adds a history step that changed only metadata (<c>empty_layer: true</c>).</summary>
    public TestImageBuilder EmptyLayerStep(string createdBy)
    {
        _steps.Add((null, createdBy));
        return this;
    }

    /// <summary>The compression of layers that do not choose their own; gzip unless set.</summary>
    public TestImageBuilder Compression(TestCompression compression)
    {
        _compression = compression;
        return this;
    }

    public TestImageBuilder Platform(Platform platform)
    {
        _platform = platform;
        return this;
    }

    /// <summary>RFC 3339 in UTC, as Docker writes it; an offset's '+' would be escaped by the JSON writer, which Go's parser rejects.</summary>
    private string CreatedText => _created.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", System.Globalization.CultureInfo.InvariantCulture);

    public TestImageBuilder Created(DateTimeOffset created)
    {
        _created = created;
        return this;
    }

    public TestImageBuilder User(string user)
    {
        _user = user;
        return this;
    }

    public TestImageBuilder Env(string nameValue)
    {
        _env.Add(nameValue);
        return this;
    }

    public TestImageBuilder Entrypoint(params string[] entrypoint)
    {
        _entrypoint = entrypoint;
        return this;
    }

    public TestImageBuilder Cmd(params string[] cmd)
    {
        _cmd = cmd;
        return this;
    }

    public TestImageBuilder Shell(params string[] shell)
    {
        _shell = shell;
        return this;
    }

    public TestImageBuilder WorkingDir(string directory)
    {
        _workingDir = directory;
        return this;
    }

    /// <summary>An exposed port as Docker writes it: <c>8080/tcp</c>.</summary>
    public TestImageBuilder ExposePort(string port)
    {
        _ports.Add(port);
        return this;
    }

    public TestImageBuilder Volume(string path)
    {
        _volumes.Add(path);
        return this;
    }

    public TestImageBuilder Label(string name, string value)
    {
        _labels[name] = value;
        return this;
    }

    public TestImageBuilder StopSignal(string signal)
    {
        _stopSignal = signal;
        return this;
    }

    /// <summary>A HEALTHCHECK; durations are written in nanoseconds as Docker does.</summary>
    public TestImageBuilder Healthcheck(string[] test, TimeSpan? interval = null, TimeSpan? timeout = null, int? retries = null)
    {
        ArgumentNullException.ThrowIfNull(test);
        _healthcheck = new JsonObject { ["Test"] = Array(test) };
        if (interval is { } i)
        {
            _healthcheck["Interval"] = i.Ticks * 100;
        }

        if (timeout is { } t)
        {
            _healthcheck["Timeout"] = t.Ticks * 100;
        }

        if (retries is { } r)
        {
            _healthcheck["Retries"] = r;
        }

        return this;
    }

    /// <summary>A tag for docker-archive's RepoTags (<c>app:1.0</c>).</summary>
    public TestImageBuilder Tag(string repoTag)
    {
        _repoTags.Add(repoTag);
        return this;
    }

    /// <summary>Writes <paramref name="diffId"/> into the config for layer <paramref name="layer"/> instead of the real one.</summary>
    public TestImageBuilder OverrideDiffId(int layer, string diffId)
    {
        _diffIdOverrides[layer] = diffId;
        return this;
    }

    /// <summary>The media type written in the manifest and in the descriptors pointing at it.</summary>
    public TestImageBuilder ManifestMediaType(string mediaType)
    {
        _manifestMediaType = mediaType;
        return this;
    }

    public TestImage Build()
    {
        var layers = _steps.Where(s => s.Layer is not null).Select(s => BuildLayer(s.Layer!)).ToList();
        var config = Config(layers);
        var configJson = System.Text.Encoding.UTF8.GetBytes(config.ToJsonString());
        var manifest = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = _manifestMediaType,
            ["config"] = Descriptor(OciConfigMediaType, configJson),
            ["layers"] = new JsonArray(layers.Select(l => (JsonNode)new JsonObject
            {
                ["mediaType"] = l.MediaType,
                ["digest"] = l.Digest,
                ["size"] = l.Blob.Length,
            }).ToArray()),
        };
        var manifestJson = System.Text.Encoding.UTF8.GetBytes(manifest.ToJsonString());
        return new TestImage(layers, configJson, manifestJson, _manifestMediaType, _platform, _repoTags.ToList());
    }

    internal static string Sha256(ReadOnlySpan<byte> bytes) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));

    internal static JsonObject Descriptor(string mediaType, byte[] content) => new()
    {
        ["mediaType"] = mediaType,
        ["digest"] = Sha256(content),
        ["size"] = content.Length,
    };

    private TestImageLayer BuildLayer(TestLayer layer)
    {
        var compression = layer.Compression ?? _compression;
        var tar = layer.ToTar();
        using var blob = new MemoryStream();
        using (var compressed = TestCompressions.Compress(blob, compression))
        {
            compressed.Write(tar);
        }

        var bytes = blob.ToArray();
        return new TestImageLayer(tar, bytes, Sha256(tar), Sha256(bytes), layer.MediaTypeOverride ?? TestCompressions.OciMediaType(compression), compression);
    }

    private JsonObject Config(List<TestImageLayer> layers)
    {
        var runtime = new JsonObject();
        Set(runtime, "User", _user);
        if (_env.Count > 0)
        {
            runtime["Env"] = Array(_env);
        }

        if (_entrypoint is not null)
        {
            runtime["Entrypoint"] = Array(_entrypoint);
        }

        if (_cmd is not null)
        {
            runtime["Cmd"] = Array(_cmd);
        }

        if (_shell is not null)
        {
            runtime["Shell"] = Array(_shell);
        }

        Set(runtime, "WorkingDir", _workingDir);
        Set(runtime, "StopSignal", _stopSignal);
        if (_ports.Count > 0)
        {
            runtime["ExposedPorts"] = Set(_ports);
        }

        if (_volumes.Count > 0)
        {
            runtime["Volumes"] = Set(_volumes);
        }

        if (_labels.Count > 0)
        {
            runtime["Labels"] = new JsonObject(_labels.Select(l => KeyValuePair.Create(l.Key, (JsonNode?)l.Value)));
        }

        if (_healthcheck is not null)
        {
            runtime["Healthcheck"] = _healthcheck.DeepClone();
        }

        var history = new JsonArray();
        foreach (var (layer, createdBy) in _steps)
        {
            var step = new JsonObject { ["created"] = CreatedText, ["created_by"] = createdBy };
            if (layer is null)
            {
                step["empty_layer"] = true;
            }

            history.Add(step);
        }

        var config = new JsonObject
        {
            ["architecture"] = _platform.Architecture,
            ["os"] = _platform.Os,
            ["created"] = CreatedText,
            ["config"] = runtime,
            ["rootfs"] = new JsonObject
            {
                ["type"] = "layers",
                ["diff_ids"] = Array(layers.Select((l, i) => _diffIdOverrides.TryGetValue(i, out var forced) ? forced : l.DiffId)),
            },
            ["history"] = history,
        };
        Set(config, "variant", _platform.Variant);
        return config;
    }

    private static void Set(JsonObject target, string name, string? value)
    {
        if (value is not null)
        {
            target[name] = value;
        }
    }

    private static JsonArray Array(IEnumerable<string> values) => new(values.Select(v => (JsonNode)JsonValue.Create(v)).ToArray());

    private static JsonObject Set(IEnumerable<string> keys) => new(keys.Select(k => KeyValuePair.Create(k, (JsonNode?)new JsonObject())));
}
