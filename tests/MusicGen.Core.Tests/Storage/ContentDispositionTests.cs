using MusicGen.Core.Storage;

namespace MusicGen.Core.Tests.Storage;

public sealed class ContentDispositionTests
{
    [Fact]
    public void AsciiNameIsQuotedWithoutAnExtendedForm() =>
        ContentDisposition.Attachment("Rainy piano (take 2).mp3").ShouldBe("attachment; filename=\"Rainy piano (take 2).mp3\"");

    [Fact]
    public void NonAsciiNameGetsAnAsciiFallbackAndAnRfc5987Form() =>
        ContentDisposition.Attachment("Ünïcode 雨.wav").ShouldBe("attachment; filename=\"Unicode _.wav\"; filename*=UTF-8''%C3%9Cn%C3%AFcode%20%E9%9B%A8.wav");

    [Fact]
    public void QuotesSlashesAndControlCharactersCannotBreakTheHeaderOrThePath() =>
        ContentDisposition.Attachment("a\"b/c\\d\r\ne.mp3").ShouldBe("attachment; filename=\"a_b_c_d__e.mp3\"");
}
