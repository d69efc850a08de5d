using Rampart.Core.Files;

namespace Rampart.Core.Tests.Files;

public sealed class FileCapabilitiesTests
{
    /// <summary>Attributes setcap wrote and what getcap -n printed for them (testdata/capabilities/make.sh).</summary>
    public static TheoryData<string, string, string> Recorded()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "testdata", "capabilities", "capabilities.tsv")))
        {
            if (!line.StartsWith('#'))
            {
                var columns = line.Split('\t');
                data.Add(columns[0], columns[1], columns[2]);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Recorded))]
    public void Decoded_attributes_read_as_getcap_prints_them(string setcapArguments, string attribute, string getcap)
    {
        var capabilities = FileCapabilities.Decode(Convert.FromHexString(attribute));

        Assert.NotNull(capabilities);
        Assert.True(getcap == capabilities.ToString(), $"setcap {setcapArguments}: getcap printed '{getcap}', decoded '{capabilities}'");
    }

    [Fact]
    public void Revision_2_carries_permitted_inheritable_and_the_effective_flag()
    {
        // setcap 'cap_net_bind_service=ip cap_setuid,cap_sys_admin+p'
        var capabilities = FileCapabilities.Decode(Convert.FromHexString("0000000280042000000400000000000000000000"))!;

        Assert.Equal((1UL << 7) | (1UL << 10) | (1UL << 21), capabilities.Permitted);
        Assert.Equal(1UL << 10, capabilities.Inheritable);
        Assert.False(capabilities.Effective);
        Assert.Null(capabilities.RootId);
        Assert.Equal(["cap_setuid", "cap_net_bind_service", "cap_sys_admin"], capabilities.PermittedNames);
    }

    [Fact]
    public void Revision_2_reads_capabilities_above_31_from_the_second_words()
    {
        // setcap 'cap_bpf,cap_perfmon+ep'
        var capabilities = FileCapabilities.Decode(Convert.FromHexString("010000020000000000000000c000000000000000"))!;

        Assert.Equal(["cap_perfmon", "cap_bpf"], capabilities.PermittedNames);
        Assert.True(capabilities.Effective);
    }

    [Fact]
    public void Revision_3_carries_the_namespace_root_uid()
    {
        // setcap -n 1000 cap_net_admin+ep
        var capabilities = FileCapabilities.Decode(Convert.FromHexString("0100000300100000000000000000000000000000e8030000"))!;

        Assert.Equal(1000U, capabilities.RootId);
        Assert.Equal(["cap_net_admin"], capabilities.PermittedNames);
    }

    [Fact]
    public void Revision_1_has_one_word_per_set()
    {
        // Kernels since 2.6.25 write revision 2 and setcap cannot write revision 1, but the kernel still reads it:
        // magic 0x01000001 (effective), permitted cap_net_raw, inheritable none.
        var capabilities = FileCapabilities.Decode(Convert.FromHexString("010000010020000000000000"))!;

        Assert.Equal(new FileCapabilities(1UL << 13, 0, true, null), capabilities);
        Assert.Equal("cap_net_raw=ep", capabilities.ToString());
    }

    [Fact]
    public void A_root_uid_of_0_is_not_printed()
    {
        Assert.Equal("cap_net_admin=ep", new FileCapabilities(1UL << 12, 0, true, 0).ToString());
    }

    [Fact]
    public void Capabilities_newer_than_the_name_table_are_printed_by_number()
    {
        Assert.Equal("cap_chown=ep 41+ep", new FileCapabilities(1UL | (1UL << 41), 0, true, null).ToString());
        Assert.Equal("41", FileCapabilities.NameOf(41));
    }

    [Theory]
    [InlineData("")]
    [InlineData("010000")]
    [InlineData("0100000200200000000000000000000000")]
    [InlineData("01000002002000000000000000000000000000000000")]
    [InlineData("0100000300100000000000000000000000000000")]
    [InlineData("010000040020000000000000")]
    [InlineData("0100000000200000000000000000000000000000")]
    public void Bytes_the_kernel_would_refuse_decode_to_nothing(string attribute)
    {
        Assert.Null(FileCapabilities.Decode(Convert.FromHexString(attribute)));
    }
}
