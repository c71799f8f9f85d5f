// What the officer asked for on a frame. Screens produce these; the CounterController applies them.
#pragma once
#include <string>
#include <variant>
#include <vector>

namespace motcua::kiosk::counter_intent {

struct FocusOfficer {};
struct FocusPin {};
struct KeypadDigit { char digit = '0'; };
struct KeypadBackspace {};
struct SubmitSignIn {};
struct SignOut {};

struct CallNext {};
struct Recall {};
struct CallEntered {};       // the ticket number typed in the entry box
struct AddDossierCode {};    // the entry box holds a dossier code for the current ticket
struct RemoveDossierCode { std::string code; };
struct ClearEntry {};
struct StartServing {};
struct Finish {};
struct AskNoShow {};
struct NoShow { bool requeue = false; };
struct AskTransfer {};
struct TransferToField { std::string field; };
struct TransferToCounter { std::string counter; };
struct Pause {};
struct Resume {};
struct AskWalkIn {};
struct ChooseWalkInPriority { std::string code; };  // empty: normal
struct WalkIn { std::string field; };
struct CloseDialog {};

using Intent = std::variant<FocusOfficer, FocusPin, KeypadDigit, KeypadBackspace, SubmitSignIn, SignOut, CallNext,
                            Recall, CallEntered, AddDossierCode, RemoveDossierCode, ClearEntry, StartServing, Finish,
                            AskNoShow, NoShow, AskTransfer, TransferToField, TransferToCounter, Pause, Resume,
                            AskWalkIn, ChooseWalkInPriority, WalkIn, CloseDialog>;
using Intents = std::vector<Intent>;

}  // namespace motcua::kiosk::counter_intent
