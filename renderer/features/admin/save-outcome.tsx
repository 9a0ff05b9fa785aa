/**
 * What became of an Administration form's Save: the confirmation in a status region (read out
 * without moving the focus), or the server's refusal as an alert. One place, so every form says
 * it the same way.
 */
export function SaveOutcome({ saved, refusal }: { saved: string; refusal: string | null }) {
  return (
    <>
      <p className="settings-status" role="status">
        {saved}
      </p>
      {refusal ? (
        <p className="form-error" role="alert">
          {refusal}
        </p>
      ) : null}
    </>
  );
}
