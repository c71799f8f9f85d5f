// Result types for operations that can fail in ways the caller must handle
// (write, send, print). Exceptions are kept for process edges only.
#pragma once
#include <optional>
#include <string>
#include <utility>

namespace motcua {

class [[nodiscard]] Status {
public:
    static Status success() { return Status{}; }
    static Status failure(std::string message) { return Status{std::move(message)}; }
    bool ok() const { return !error_.has_value(); }
    explicit operator bool() const { return ok(); }
    const std::string& error() const { static const std::string none; return error_ ? *error_ : none; }

private:
    Status() = default;
    explicit Status(std::string message) : error_(std::move(message)) {}
    std::optional<std::string> error_;
};

template <class T>
class [[nodiscard]] Result {
public:
    Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit on purpose
    static Result failure(std::string message) { Result r; r.error_ = std::move(message); return r; }
    bool ok() const { return value_.has_value(); }
    explicit operator bool() const { return ok(); }
    T& value() { return *value_; }
    const T& value() const { return *value_; }
    T* operator->() { return &*value_; }
    const T* operator->() const { return &*value_; }
    T& operator*() { return *value_; }
    const std::string& error() const { return error_; }
    Status status() const { return ok() ? Status::success() : Status::failure(error_); }

private:
    Result() = default;
    std::optional<T> value_;
    std::string error_;
};

}  // namespace motcua
