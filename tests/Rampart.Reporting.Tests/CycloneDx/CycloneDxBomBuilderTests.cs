using System.Reflection;
using CycloneDX;
using CycloneDX.Models;
using Rampart.Core.Packages;
using Rampart.Reporting.CycloneDx;

namespace Rampart.Reporting.Tests.CycloneDx;

public sealed class CycloneDxBomBuilderTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 14, 9, 30, 12, 345, TimeSpan.Zero);

    private static readonly string ManifestDigest = "sha256:" + new string('a', 64);

    private readonly CycloneDxBomBuilder _builder = new(new FixedTimeProvider(Now), "1.2.3-test");

    [Fact]
    public void Writes_spec_1_6_unless_asked_for_1_7()
    {
        Assert.Equal(SpecificationVersion.v1_6, _builder.Build(SampleScans.Alpine()).SpecVersion);
        Assert.Equal(SpecificationVersion.v1_7, _builder.Build(SampleScans.Alpine(), CycloneDxSpecVersion.V17).SpecVersion);
    }

    [Fact]
    public void Stamps_the_bom_with_the_clock_to_the_second()
    {
        var timestamp = _builder.Build(SampleScans.Alpine()).Metadata.Timestamp;

        Assert.Equal(new DateTime(2025, 3, 14, 9, 30, 12, DateTimeKind.Utc), timestamp);
        Assert.Equal(DateTimeKind.Utc, timestamp!.Value.Kind);
    }

    [Fact]
    public void Derives_the_serial_number_from_the_image_and_the_scan_time_only()
    {
        var scan = SampleScans.Debian();
        var serial = _builder.Build(scan).SerialNumber;

        Assert.Matches("^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", serial);
        Assert.Equal(serial, new CycloneDxBomBuilder(new FixedTimeProvider(Now.AddHours(1)), "9.9.9").Build(scan, CycloneDxSpecVersion.V17).SerialNumber);
        Assert.NotEqual(serial, _builder.Build(scan with { ScannedAt = scan.ScannedAt.AddSeconds(1) }).SerialNumber);
        Assert.NotEqual(serial, _builder.Build(scan with { Image = scan.Image with { ConfigDigest = "sha256:" + new string('f', 64) } }).SerialNumber);
    }

    [Fact]
    public void Names_rampart_and_its_version_as_the_tool()
    {
        var tool = Assert.Single(_builder.Build(SampleScans.Alpine()).Metadata.Tools.Components);

        Assert.Equal(Component.Classification.Application, tool.Type);
        Assert.Equal("rampart", tool.Name);
        Assert.Equal("1.2.3-test", tool.Version);
    }

    [Fact]
    public void Names_the_reporting_assembly_version_when_no_version_is_given()
    {
        var expected = typeof(CycloneDxBomBuilder).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;

        var tool = Assert.Single(new CycloneDxBomBuilder(TimeProvider.System).Build(SampleScans.Alpine()).Metadata.Tools.Components);

        Assert.Equal(expected, tool.Version);
    }

    [Fact]
    public void Describes_the_image_as_a_container_versioned_by_its_manifest_digest()
    {
        var image = _builder.Build(SampleScans.Debian()).Metadata.Component;

        Assert.Equal(Component.Classification.Container, image.Type);
        Assert.Equal("registry.example.com/team/app", image.Name);
        Assert.Equal(ManifestDigest, image.Version);
        Assert.Equal($"pkg:oci/app@{ManifestDigest}?arch=amd64&repository_url=registry.example.com%2Fteam%2Fapp&tag=1.4", image.Purl);
        Assert.Equal(image.Purl, image.BomRef);
        Assert.Equal(
            [
                ("rampart:image:id", "sha256:" + new string('b', 64)),
                ("rampart:image:reference", "registry:registry.example.com/team/app:1.4"),
                ("rampart:image:platform", "linux/amd64"),
                ("rampart:image:repoTag", "registry.example.com/team/app:1.4"),
                ("rampart:image:layer:0:diffID", "sha256:" + new string('1', 64)),
                ("rampart:image:layer:1:diffID", "sha256:" + new string('2', 64)),
                ("rampart:image:label:maintainer", "team@example.com"),
                ("rampart:image:label:org.opencontainers.image.source", "https://github.com/example/app"),
            ],
            image.Properties.Select(p => (p.Name, p.Value)));
    }

    [Fact]
    public void Versions_the_image_by_its_config_digest_when_the_manifest_digest_is_unknown()
    {
        var image = _builder.Build(SampleScans.Alpine()).Metadata.Component;

        Assert.Equal("sha256:" + new string('c', 64), image.Version);
        Assert.StartsWith("pkg:oci/alpine@sha256:" + new string('c', 64) + "?", image.Purl, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("docker:alpine:3.20", "", "alpine", "pkg:oci/alpine@{0}?arch=amd64&repository_url=docker.io%2Flibrary%2Falpine&tag=3.20")]
    [InlineData("alpine", "", "alpine", "pkg:oci/alpine@{0}?arch=amd64&repository_url=docker.io%2Flibrary%2Falpine")]
    [InlineData("registry:ghcr.io/org/app@sha256:0123456789abcdef0123456789abcdef", "", "ghcr.io/org/app", "pkg:oci/app@{0}?arch=amd64&repository_url=ghcr.io%2Forg%2Fapp")]
    [InlineData("registry:ghcr.io/org/My-App:1", "", "ghcr.io/org/My-App:1", null)]
    [InlineData("localhost:5000/team/app:dev", "", "localhost:5000/team/app", "pkg:oci/app@{0}?arch=amd64&repository_url=localhost:5000%2Fteam%2Fapp&tag=dev")]
    [InlineData("docker-archive:app.tar", "example/app:1", "example/app", "pkg:oci/app@{0}?arch=amd64&repository_url=docker.io%2Fexample%2Fapp&tag=1")]
    [InlineData("docker-archive:/tmp/app.tar", "", "/tmp/app.tar", null)]
    [InlineData("dir:/srv/rootfs", "", "/srv/rootfs", null)]
    public void Names_the_image_by_its_repository(string reference, string repoTag, string name, string? purl)
    {
        var scan = SampleScans.Debian();
        scan = scan with { Image = scan.Image with { Reference = reference, RepoTags = repoTag.Length == 0 ? [] : [repoTag] } };

        var image = _builder.Build(scan).Metadata.Component;

        Assert.Equal(name, image.Name);
        Assert.Equal(purl is null ? null : string.Format(System.Globalization.CultureInfo.InvariantCulture, purl, ManifestDigest), image.Purl);
        Assert.Equal(image.Purl ?? scan.Image.ConfigDigest, image.BomRef);
    }

    [Fact]
    public void Describes_the_distribution_as_an_operating_system_component()
    {
        var os = _builder.Build(SampleScans.Debian()).Components[0];

        Assert.Equal(Component.Classification.Operating_System, os.Type);
        Assert.Equal("os:debian@12", os.BomRef);
        Assert.Equal("debian", os.Name);
        Assert.Equal("12", os.Version);
        Assert.Equal("Debian GNU/Linux 12 (bookworm)", os.Description);
    }

    [Fact]
    public void Lists_the_distribution_first_then_every_package_in_scan_order()
    {
        var scan = SampleScans.Debian();

        var components = _builder.Build(scan).Components;

        Assert.Equal(["debian", .. scan.Packages.Select(p => p.Name)], components.Select(c => c.Name));
        Assert.All(components.Skip(1), c => Assert.Equal(Component.Classification.Library, c.Type));
    }

    [Fact]
    public void Describes_a_package_with_its_purl_supplier_and_provenance()
    {
        var libssl = _builder.Build(SampleScans.Debian()).Components.Single(c => c.Name == "libssl3");

        const string purl = "pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&distro=debian-12&upstream=openssl";
        Assert.Equal(purl, libssl.Purl);
        Assert.Equal(purl, libssl.BomRef);
        Assert.Null(libssl.Group);
        Assert.Equal("3.0.11-1~deb12u2", libssl.Version);
        Assert.Equal("Secure Sockets Layer toolkit - shared libraries", libssl.Description);
        Assert.Equal("Debian OpenSSL Team <pkg-openssl-devel@alioth-lists.debian.net>", libssl.Publisher);
        Assert.Equal(libssl.Publisher, libssl.Supplier.Name);
        Assert.Equal(
            [
                ("rampart:package:type", "deb"),
                ("rampart:package:foundBy", "dpkg"),
                ("rampart:package:layer", "1"),
                ("rampart:package:layerDiffID", "sha256:" + new string('2', 64)),
                ("rampart:package:introducedLayer", "1"),
                ("aquasecurity:trivy:LayerDiffID", "sha256:" + new string('2', 64)),
                ("rampart:location:0:path", "/var/lib/dpkg/status"),
                ("rampart:package:sourceName", "openssl"),
                ("rampart:package:arch", "amd64"),
            ],
            libssl.Properties.Select(p => (p.Name, p.Value)));
    }

    [Fact]
    public void Names_the_layer_that_introduced_a_package_as_Trivy_does_beside_the_layer_of_its_evidence()
    {
        var scan = SampleScans.Debian();
        var compressed = "sha256:" + new string('9', 64);
        scan = scan with { Image = scan.Image with { Layers = [scan.Image.Layers[0] with { Digest = compressed }, scan.Image.Layers[1]] } };

        var libc = _builder.Build(scan).Components.Single(c => c.Name == "libc6");

        var properties = libc.Properties.ToDictionary(p => p.Name, p => p.Value);
        Assert.Equal("1", properties["rampart:package:layer"]);
        Assert.Equal("sha256:" + new string('2', 64), properties["rampart:package:layerDiffID"]);
        Assert.Equal("0", properties["rampart:package:introducedLayer"]);
        Assert.Equal(compressed, properties["aquasecurity:trivy:LayerDigest"]);
        Assert.Equal("sha256:" + new string('1', 64), properties["aquasecurity:trivy:LayerDiffID"]);
    }

    [Fact]
    public void Writes_a_packages_ecosystem_properties_after_its_own_in_name_order()
    {
        var module = new Package
        {
            Name = "example.com/m",
            Version = "v1.0.0",
            Type = "golang",
            FoundBy = "go-binary",
            Properties = new Dictionary<string, string> { ["mainModule"] = "example.com/app", ["goBuildSettings:GOARCH"] = "amd64", ["h1Digest"] = "h1:abc=" },
        };

        var component = _builder.Build(SampleScans.Alpine() with { Packages = [module] }).Components.Single(c => c.Name == "example.com/m");

        Assert.Equal(
            [
                ("rampart:package:type", "golang"),
                ("rampart:package:foundBy", "go-binary"),
                ("rampart:metadata:goBuildSettings:GOARCH", "amd64"),
                ("rampart:metadata:h1Digest", "h1:abc="),
                ("rampart:metadata:mainModule", "example.com/app"),
            ],
            component.Properties.Select(p => (p.Name, p.Value)));
    }

    [Fact]
    public void Leaves_out_what_a_package_does_not_record()
    {
        var scan = SampleScans.Alpine();
        var bare = new Package { Name = "bare", Version = "1", Type = "generic", FoundBy = "test" };

        var component = _builder.Build(scan with { Packages = [bare] }).Components.Single(c => c.Name == "bare");

        Assert.Null(component.Purl);
        Assert.Null(component.Supplier);
        Assert.Null(component.Publisher);
        Assert.Null(component.Description);
        Assert.Null(component.Licenses);
        Assert.Equal("rampart:generic/bare@1", component.BomRef);
        Assert.Equal([("rampart:package:type", "generic"), ("rampart:package:foundBy", "test")], component.Properties.Select(p => (p.Name, p.Value)));
    }

    [Fact]
    public void Takes_the_group_from_the_purl_namespace_where_the_ecosystem_has_one()
    {
        var components = _builder.Build(SampleScans.NoOs()).Components;

        var babel = components.Single(c => c.Purl == "pkg:npm/%40babel/core@7.24.0");
        Assert.Equal(("@babel", "core"), (babel.Group, babel.Name));
        var lang = components.Single(c => c.Name == "commons-lang3");
        Assert.Equal("org.apache.commons", lang.Group);
        Assert.All(components.Where(c => c.Purl?.StartsWith("pkg:npm/left-pad", StringComparison.Ordinal) == true), c => Assert.Null(c.Group));
    }

    [Theory]
    [InlineData(new[] { "mit" }, new[] { "id:MIT" })]
    [InlineData(new[] { "GPL-2.0+" }, new[] { "id:GPL-2.0+" })]
    [InlineData(new[] { "MIT", " MIT ", "Apache-2.0" }, new[] { "id:MIT", "id:Apache-2.0" })]
    [InlineData(new[] { "MIT OR Apache-2.0" }, new[] { "expression:MIT OR Apache-2.0" })]
    [InlineData(new[] { "(mit or apache-2.0) and bsd-3-clause" }, new[] { "expression:(MIT OR Apache-2.0) AND BSD-3-Clause" })]
    [InlineData(new[] { "GPL-2.0-or-later WITH Classpath-exception-2.0" }, new[] { "expression:GPL-2.0-or-later WITH Classpath-exception-2.0" })]
    [InlineData(new[] { "Apache-2.0+" }, new[] { "expression:Apache-2.0+" })]
    [InlineData(new[] { "LicenseRef-Acme-EULA" }, new[] { "expression:LicenseRef-Acme-EULA" })]
    [InlineData(new[] { "Zlib", "MIT OR Apache-2.0" }, new[] { "expression:Zlib AND (MIT OR Apache-2.0)" })]
    [InlineData(new[] { "Custom EULA", "MIT OR Apache-2.0", "MIT" }, new[] { "name:Custom EULA", "name:MIT OR Apache-2.0", "id:MIT" })]
    [InlineData(new[] { "GPL-2+", "MIT OR", "(MIT", "MIT WITH" }, new[] { "name:GPL-2+", "name:MIT OR", "name:(MIT", "name:MIT WITH" })]
    public void Maps_declared_licenses_to_spdx_ids_expressions_or_names(string[] declared, string[] expected)
    {
        var scan = SampleScans.Alpine();
        var package = scan.Packages[0] with { Licenses = declared };

        var licenses = _builder.Build(scan with { Packages = [package] }).Components[1].Licenses;

        Assert.Equal(
            expected,
            licenses.Select(l => l.Expression is not null ? $"expression:{l.Expression}" : l.License.Id is not null ? $"id:{l.License.Id}" : $"name:{l.License.Name}"));
        Assert.All(licenses, l => Assert.Equal(LicenseAcknowledgementEnumeration.Declared, l.Expression is null ? l.License.Acknowledgement : l.Acknowledgement));
    }

    [Fact]
    public void Gives_packages_that_share_a_purl_distinct_bom_refs_that_do_not_depend_on_order()
    {
        var scan = SampleScans.NoOs();
        var twin = scan.Packages[4] with { };
        var refs = _builder.Build(scan with { Packages = [.. scan.Packages, twin] }).Components.Select(c => c.BomRef).ToList();
        var reordered = _builder.Build(scan with { Packages = [.. scan.Packages.Reverse()] }).Components.Select(c => c.BomRef).ToList();

        Assert.Equal(refs.Count, refs.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal("pkg:npm/%40babel/core@7.24.0", refs[2]);
        Assert.All(refs.Skip(3), r => Assert.Matches("^pkg:npm/left-pad@1\\.3\\.0\\?package-id=[0-9a-f]{16}(-2)?$", r));
        Assert.Equal(refs[4] + "-2", refs[5]);
        Assert.Equal([refs[4], refs[3]], reordered.Take(2));
    }

    [Fact]
    public void Graphs_image_to_distribution_to_its_packages_and_packages_to_their_dependencies()
    {
        var scan = SampleScans.Debian();
        scan = scan with
        {
            Packages =
            [
                .. scan.Packages,
                new Package { Name = "libc6", Version = "0.1", Type = "pypi", FoundBy = "python-installed", DependsOn = ["libc6", "zlib1g"] },
            ],
        };

        var bom = _builder.Build(scan);
        var graph = bom.Dependencies.ToDictionary(d => d.Ref, d => d.Dependencies?.Select(x => x.Ref).ToList() ?? []);
        string Ref(string name, string type = "deb") => bom.Components.Single(c => c.Name == name && c.Properties?.Any(p => p.Value == type) == true).BomRef;

        Assert.Equal([bom.Metadata.Component.BomRef, "os:debian@12", .. bom.Components.Skip(1).Select(c => c.BomRef)], bom.Dependencies.Select(d => d.Ref));
        Assert.Equal(["os:debian@12", Ref("requests", "pypi"), Ref("libc6", "pypi")], graph[bom.Metadata.Component.BomRef]);
        string[] debs = ["base-files", "libc6", "libssl3", "tzdata", "zlib1g"];
        Assert.Equal(debs.Select(n => Ref(n)).Order(StringComparer.Ordinal), graph["os:debian@12"]);
        Assert.Equal([Ref("libc6")], graph[Ref("libssl3")]);
        Assert.Equal([Ref("libc6")], graph[Ref("zlib1g")]);
        Assert.Empty(graph[Ref("libc6")]);
        Assert.Empty(graph[Ref("requests", "pypi")]);
        Assert.Empty(graph[Ref("libc6", "pypi")]);
    }

    [Theory]
    [InlineData("/usr/bin/a", "/usr/bin/b")]
    [InlineData("/app/node_modules/x/package.json", "/app/node_modules/y/node_modules/x/package.json")]
    public void Resolves_each_dependency_to_the_package_of_that_name_nearest_to_the_dependent(string first, string second)
    {
        Package Module(string name, string version, string location, params string[] dependsOn) =>
            new() { Name = name, Version = version, Type = "golang", FoundBy = "go-binary", Locations = [location], DependsOn = dependsOn };
        var farDependent = second.Replace("/x/", "/y/", StringComparison.Ordinal);
        var scan = SampleScans.NoOs() with
        {
            Packages =
            [
                Module("app", "v1.0.0", first, "x"),
                Module("x", "v1.1.0", first),
                Module("other", "v2.0.0", farDependent, "x"),
                Module("x", "v2.2.0", second),
            ],
        };

        var bom = _builder.Build(scan);

        var graph = bom.Dependencies.ToDictionary(d => d.Ref, d => d.Dependencies?.Select(x => x.Ref).ToList() ?? []);
        string Ref(string name, string version) => bom.Components.Single(c => c.Name == name && c.Version == version).BomRef;
        Assert.Equal([Ref("x", "v1.1.0")], graph[Ref("app", "v1.0.0")]);
        Assert.Equal([Ref("x", "v2.2.0")], graph[Ref("other", "v2.0.0")]);
    }

    [Fact]
    public void Without_a_distribution_the_image_depends_on_every_package()
    {
        var bom = _builder.Build(SampleScans.NoOs());

        var image = bom.Dependencies[0];

        Assert.Equal(bom.Metadata.Component.BomRef, image.Ref);
        Assert.Equal(bom.Components.Select(c => c.BomRef).Order(StringComparer.Ordinal), image.Dependencies.Select(d => d.Ref));
        Assert.Equal(bom.Components.Count + 1, bom.Dependencies.Count);
    }

    [Fact]
    public void An_image_with_nothing_found_has_no_components_but_is_still_in_the_graph()
    {
        var scan = SampleScans.NoOs() with { Packages = [] };

        var bom = _builder.Build(scan);

        Assert.Null(bom.Components);
        var only = Assert.Single(bom.Dependencies);
        Assert.Equal(bom.Metadata.Component.BomRef, only.Ref);
        Assert.Null(only.Dependencies);
    }

    [Fact]
    public void Builds_the_same_bom_for_the_same_scan()
    {
        var first = CycloneDX.Json.Serializer.Serialize(_builder.Build(SampleScans.Debian()));
        var second = CycloneDX.Json.Serializer.Serialize(_builder.Build(SampleScans.Debian()));

        Assert.Equal(first, second);
    }
}
