using MusicGen.Engine.Encoding;

namespace MusicGen.Engine.Tests.Encoding;

public sealed class OutputFormatTests
{
    [Theory]
    [InlineData("mp3_44100_128", AudioContainer.Mp3, 44100, 128)]
    [InlineData("mp3_22050_32", AudioContainer.Mp3, 22050, 32)]
    [InlineData("MP3_48000_192", AudioContainer.Mp3, 48000, 192)]
    [InlineData("pcm_16000", AudioContainer.Pcm, 16000, 0)]
    [InlineData("pcm_48000", AudioContainer.Pcm, 48000, 0)]
    [InlineData("wav_44100_24", AudioContainer.Wav, 44100, 0)]
    public void ParseKnownNameGivesRateAndBitrate(string name, AudioContainer container, int rate, int kbps)
    {
        var format = OutputFormat.Parse(name);

        format.Container.ShouldBe(container);
        format.SampleRate.ShouldBe(rate);
        format.BitrateKbps.ShouldBe(kbps);
    }

    [Theory]
    [InlineData("mp3_44100_1000")]
    [InlineData("ogg_44100")]
    [InlineData("")]
    [InlineData(null)]
    public void ParseUnknownNameThrowsArgumentExceptionListingAllowedFormats(string? name)
    {
        var error = Should.Throw<ArgumentException>(() => OutputFormat.Parse(name));

        error.Message.ShouldContain("mp3_44100_128");
        error.Message.ShouldContain("pcm_48000");
    }

    [Fact]
    public void EncodeWav24WritesHeaderAndThreeBytesPerSample()
    {
        var pcm = new float[] { 0.5f, -0.5f, 1f, -1f };

        var bytes = WavEncoder.EncodeWav(pcm, 48000, 24);

        bytes.Length.ShouldBe(44 + 12);
        System.Text.Encoding.ASCII.GetString(bytes, 0, 4).ShouldBe("RIFF");
        BitConverter.ToInt32(bytes, 24).ShouldBe(48000);
        BitConverter.ToInt16(bytes, 34).ShouldBe((short)24);
        Math.Abs((bytes[44] | bytes[45] << 8 | (sbyte)bytes[46] << 16) - 4194304).ShouldBeLessThanOrEqualTo(1);
    }

    [Fact]
    public void EncodeRawPcmIsSixteenBitLittleEndian()
    {
        var bytes = AudioEncoder.Encode(new float[] { 0.25f, -0.25f }, OutputFormat.Parse("pcm_24000"), TestContext.Current.CancellationToken);

        bytes.Length.ShouldBe(4);
        Math.Abs(BitConverter.ToInt16(bytes, 0) - 8192).ShouldBeLessThanOrEqualTo(1);
        Math.Abs(BitConverter.ToInt16(bytes, 2) + 8192).ShouldBeLessThanOrEqualTo(1);
    }
}
