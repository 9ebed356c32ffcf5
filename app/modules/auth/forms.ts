import { z } from "zod";

export const PASSWORD_MIN_LENGTH = 10;

const email = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, "errors.email.required")
  .max(254, "errors.email.invalid")
  .pipe(z.email("errors.email.invalid"));

const newPassword = z
  .string()
  .min(PASSWORD_MIN_LENGTH, "errors.password.tooShort")
  .max(200, "errors.password.tooLong");

export const SignInSchema = z.object({
  email,
  password: z.string().min(1, "errors.password.required").max(200, "errors.password.tooLong"),
  redirectTo: z.string().optional(),
});

export const SignUpSchema = z
  .object({
    name: z.string().trim().min(1, "errors.name.required").max(100, "errors.name.tooLong"),
    email,
    password: newPassword,
    confirmPassword: z.string(),
  })
  .refine((value) => value.password === value.confirmPassword, {
    path: ["confirmPassword"],
    message: "errors.password.mismatch",
  });

export const ChangePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "errors.password.required"),
    newPassword,
    confirmPassword: z.string(),
  })
  .refine((value) => value.newPassword === value.confirmPassword, {
    path: ["confirmPassword"],
    message: "errors.password.mismatch",
  });

export const PreferencesSchema = z.object({
  name: z.string().trim().min(1, "errors.name.required").max(100, "errors.name.tooLong"),
  locale: z.string().max(35).optional(),
});
