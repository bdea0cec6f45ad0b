namespace TaskManager.Domain.Tasks;

/// <summary>
/// Text that every supported database stores and compares exactly as sent. PostgreSQL refuses U+0000 in text, and
/// Npgsql cannot even send an unpaired surrogate (it has no UTF-8 form); SQLite would keep the NUL but end its text
/// functions there, and store the surrogate as U+FFFD. Other control characters are kept by all of them.
/// </summary>
public static class StorableText
{
    /// <summary>Whether <paramref name="text"/> has no U+0000 and every surrogate in a pair.</summary>
    public static bool IsStorable(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var character = text[i];
            if (char.IsHighSurrogate(character) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (character == '\0' || char.IsSurrogate(character))
            {
                return false;
            }
        }

        return true;
    }
}
