using Rampart.Core.Files;
using Rampart.Core.Findings;
using Rampart.Rules.Hardening;

namespace Rampart.Rules.Tests.Hardening;

public sealed class FileCapabilitiesRuleTests
{
    private static readonly FileCapabilitiesRule Rule = new();

    // The attributes setcap writes for cap_net_raw+ep and for cap_setuid,cap_sys_admin+ep (the Core and Images testdata).
    private static readonly FileCapabilities NetRaw = FileCapabilities.Decode(Convert.FromHexString("0100000200200000000000000000000000000000"))!;
    private static readonly FileCapabilities SetuidAdmin = FileCapabilities.Decode(Convert.FromHexString("0100000280002000000000000000000000000000"))!;

    [Fact]
    public void An_image_without_file_capabilities_passes()
    {
        Assert.Empty(ImageFixture.DebianBase().Evaluate(Rule));
    }

    [Fact]
    public void Debian_ping_with_cap_net_raw_is_reported_at_low_with_what_getcap_prints()
    {
        var finding = Assert.Single(WithProgram("/usr/bin/ping", NetRaw).Evaluate(Rule));

        Assert.Equal(Severity.Low, finding.Severity);
        Assert.Equal("File capabilities cap_net_raw=ep on /usr/bin/ping", finding.Title);
        Assert.Equal([new FindingLocation("/usr/bin/ping", 1)], finding.Locations);
        Assert.Equal("/usr/bin/ping has capabilities cap_net_raw=ep, owner 0:0; written by layer 1 in the application layers", finding.Evidence);
    }

    [Fact]
    public void A_root_equivalent_capability_in_the_permitted_set_is_high_and_named()
    {
        var finding = Assert.Single(WithProgram("/usr/local/bin/helper", SetuidAdmin).Evaluate(Rule));

        Assert.Equal(Severity.High, finding.Severity);
        Assert.Contains("cap_setuid,cap_sys_admin=ep (cap_setuid, cap_sys_admin make it as good as root)", finding.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void A_root_equivalent_capability_that_is_only_inheritable_stays_low()
    {
        var inheritable = new FileCapabilities(0, SetuidAdmin.Permitted, Effective: false, RootId: null);

        var finding = Assert.Single(WithProgram("/usr/local/bin/helper", inheritable).Evaluate(Rule));

        Assert.Equal(Severity.Low, finding.Severity);
        Assert.Equal("File capabilities cap_setuid,cap_sys_admin=i on /usr/local/bin/helper", finding.Title);
    }

    [Fact]
    public void A_base_image_program_says_so()
    {
        var image = ImageFixture.DebianBase()
            .Layer("/bin/sh -c #(nop) ADD file:ping in / ", f => f.File("/usr/bin/ping", "ELF", ImageFixture.Exec755, capabilities: NetRaw))
            .Step("/bin/sh -c #(nop)  CMD [\"bash\"]")
            .Layer("COPY app /app # buildkit", f => f.File("/app/run", "x"));

        Assert.Contains("in the base image", Assert.Single(image.Evaluate(Rule)).Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void A_later_layer_that_removes_the_capabilities_wins()
    {
        var image = WithProgram("/usr/bin/ping", NetRaw)
            .Layer("RUN /bin/sh -c setcap -r /usr/bin/ping # buildkit", f => f.File("/usr/bin/ping", "ELF", ImageFixture.Exec755));

        Assert.Empty(image.Evaluate(Rule));
    }

    /// <summary>The Debian base and an application layer that installs <paramref name="path"/> with <paramref name="capabilities"/>.</summary>
    private static ImageFixture WithProgram(string path, FileCapabilities capabilities) =>
        ImageFixture.DebianBase().Layer($"RUN /bin/sh -c install-program {path} # buildkit", f => f.File(path, "ELF", ImageFixture.Exec755, capabilities: capabilities));
}
